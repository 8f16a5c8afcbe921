package io.devenv.core;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Threads for devenv's work pools: daemons (a stuck call never keeps the JVM alive), numbered by pool. */
public final class DaemonThreads {

  private DaemonThreads() {}

  /** Threads named {@code prefix1}, {@code prefix2}, ... */
  public static ThreadFactory numbered(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
