package io.devenv.core;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/**
 * Reports long steps as they happen: what is being done, then what came of it and how long it
 * took. Safe to use from several threads.
 */
public interface Progress {

  /** Starts a step; call {@link Step#done} or {@link Step#failed} when it ends. */
  Step start(String what);

  /** A line of information that is not a step. */
  void info(String line);

  /** A step under way. */
  interface Step {
    /** The step ended well; {@code outcome} says what it did, e.g. "3 created, 2 up to date". */
    void done(String outcome);

    void failed(String reason);

    Duration elapsed();
  }

  /** Discards everything: for tests and for {@code --output json}, where stdout is the document. */
  Progress SILENT = new Progress() {
    @Override
    public Step start(String what) {
      long start = System.nanoTime();
      return new Step() {
        @Override
        public void done(String outcome) {}

        @Override
        public void failed(String reason) {}

        @Override
        public Duration elapsed() {
          return Duration.ofNanos(System.nanoTime() - start);
        }
      };
    }

    @Override
    public void info(String line) {}
  };

  /** Writes one line per finished step: "✓ what: outcome (1.2s)". */
  static Progress to(PrintWriter out) {
    return new Progress() {
      @Override
      public Step start(String what) {
        long start = System.nanoTime();
        return new Step() {
          @Override
          public void done(String outcome) {
            line("✓ " + what + (outcome == null || outcome.isEmpty() ? "" : ": " + outcome) + " (" + seconds(elapsed()) + ")");
          }

          @Override
          public void failed(String reason) {
            line("✗ " + what + ": " + reason + " (" + seconds(elapsed()) + ")");
          }

          @Override
          public Duration elapsed() {
            return Duration.ofNanos(System.nanoTime() - start);
          }
        };
      }

      @Override
      public void info(String line) {
        line(line);
      }

      private void line(String text) {
        synchronized (out) {
          out.println(text);
          out.flush();
        }
      }
    };
  }

  /** "0.4s", "12.0s", "2m05s". */
  static String seconds(Duration d) {
    long ms = d.toMillis();
    if (ms < 120_000) {
      return String.format(Locale.ROOT, "%.1fs", ms / 1000.0);
    }
    return String.format(Locale.ROOT, "%dm%02ds", ms / 60_000, (ms / 1000) % 60);
  }
}
