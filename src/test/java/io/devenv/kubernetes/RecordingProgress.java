package io.devenv.kubernetes;

import io.devenv.core.Progress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A Progress that keeps every line it is given, as "✓ what: outcome", "✗ what: reason" or the info line. */
final class RecordingProgress implements Progress {

  final List<String> lines = new CopyOnWriteArrayList<>();

  @Override
  public Step start(String what) {
    long start = System.nanoTime();
    return new Step() {
      @Override
      public void done(String outcome) {
        lines.add("✓ " + what + ": " + outcome);
      }

      @Override
      public void failed(String reason) {
        lines.add("✗ " + what + ": " + reason);
      }

      @Override
      public Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - start);
      }
    };
  }

  @Override
  public void info(String line) {
    lines.add(line);
  }
}
