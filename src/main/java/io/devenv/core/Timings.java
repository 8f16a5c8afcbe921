package io.devenv.core;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Where a command's time went, phase by phase, measured from the JVM's start: for {@code up
 * --timings}. Phases may overlap (the engine's parts run at once). Thread-safe.
 */
public final class Timings {
  private final long originNanos;
  private final boolean kept;
  private final List<Phase> phases = new ArrayList<>();

  /**
   * @param name what was done
   * @param start from the JVM's start
   * @param duration how long it took
   */
  public record Phase(String name, Duration start, Duration duration) {}

  private Timings(long originNanos, boolean kept) {
    this.originNanos = originNanos;
    this.kept = kept;
  }

  /** Timings that keep nothing: for callers that do not report where the time went. */
  public static Timings unrecorded() {
    return new Timings(System.nanoTime(), false);
  }

  /** Timings whose origin is this JVM's start, as the operating system recorded it. */
  public static Timings sinceJvmStart() {
    long now = System.nanoTime();
    Instant started = ProcessHandle.current().info().startInstant().orElse(null);
    long sinceStart = started == null ? 0 : Math.max(0, Duration.between(started, Instant.now()).toNanos());
    Timings t = new Timings(now - sinceStart, true);
    if (started != null) {
      t.phases.add(new Phase("JVM start and class loading, to the command", Duration.ZERO, Duration.ofNanos(sinceStart)));
    }
    return t;
  }

  /** Records a phase that began at {@code startNanos} ({@link System#nanoTime}) and ends now. */
  public synchronized void record(String name, long startNanos) {
    if (!kept) {
      return;
    }
    long now = System.nanoTime();
    phases.add(new Phase(name, Duration.ofNanos(Math.max(0, startNanos - originNanos)), Duration.ofNanos(now - startNanos)));
  }

  /** Runs {@code work} as one phase; a failed phase is recorded too. */
  public <T> T time(String name, Supplier<T> work) {
    long start = System.nanoTime();
    try {
      return work.get();
    } finally {
      record(name, start);
    }
  }

  public synchronized List<Phase> phases() {
    return List.copyOf(phases);
  }

  /** Total from the JVM's start to now. */
  public Duration sinceOrigin() {
    return Duration.ofNanos(System.nanoTime() - originNanos);
  }

  /** One line per phase: "  0.00s +0.45s  JVM start…". */
  public synchronized String render() {
    StringBuilder out = new StringBuilder("timings (from the JVM's start; phases may overlap):\n");
    for (Phase p : phases) {
      out.append(String.format(Locale.ROOT, "  at %6.2fs  %6.2fs  %s%n", p.start().toMillis() / 1000.0,
          p.duration().toMillis() / 1000.0, p.name()));
    }
    out.append(String.format(Locale.ROOT, "  total %.2fs%n", sinceOrigin().toMillis() / 1000.0));
    return out.toString();
  }
}
