package io.devenv.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One process of the test control plane, its output appended to a log file. A supervised one is
 * started again when it exits: kube-scheduler and KWOK have been seen to exit under load
 * ("Scheduler cache is corrupted") and a restart cures them.
 */
final class SupervisedProcess {

  private final String name;
  private final List<String> command;
  private final Path log;
  private final boolean restart;
  private final AtomicInteger restarts = new AtomicInteger();
  private volatile boolean stopping;
  private volatile Process process;

  SupervisedProcess(String name, List<String> command, Path log, boolean restart) {
    this.name = name;
    this.command = List.copyOf(command);
    this.log = log;
    this.restart = restart;
  }

  SupervisedProcess start() throws IOException {
    Process p = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .start();
    process = p;
    p.onExit().thenRun(() -> {
      if (restart && !stopping) {
        restarts.incrementAndGet();
        try {
          Files.writeString(log, "\n== " + name + " exited with " + p.exitValue() + "; restarting\n",
              java.nio.file.StandardOpenOption.APPEND);
          start();
        } catch (IOException e) {
          // Nothing to restart with: the tests that need it fail, with this log.
        }
      }
    });
    return this;
  }

  boolean alive() {
    Process p = process;
    return p != null && p.isAlive();
  }

  String name() {
    return name;
  }

  int restarts() {
    return restarts.get();
  }

  /** The last lines of its log, for a failure message. */
  String tail(int lines) {
    try {
      List<String> all = Files.readAllLines(log);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  void stop() {
    stopping = true;
    Process p = process;
    if (p == null) {
      return;
    }
    p.destroy();
    try {
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
    }
  }
}
