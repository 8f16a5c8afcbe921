package io.devenv.seed;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with full jitter for retrying what a service left undone (unprocessed
 * items, throttled batch entries), bounded in attempts and in total time.
 */
final class Backoff {
  static final int MAX_ATTEMPTS = 10;
  static final Duration BASE = Duration.ofMillis(25);
  static final Duration CAP = Duration.ofSeconds(2);
  static final Duration DEADLINE = Duration.ofSeconds(60);

  private final long deadline = System.nanoTime() + DEADLINE.toNanos();
  private int attempt;

  /** Waits before the next attempt; false when attempts or time are used up. */
  boolean pause() {
    attempt++;
    if (attempt >= MAX_ATTEMPTS || System.nanoTime() > deadline) {
      return false;
    }
    long ceiling = Math.min(CAP.toMillis(), BASE.toMillis() << Math.min(attempt, 16));
    long millis = ThreadLocalRandom.current().nextLong(ceiling + 1);
    try {
      // Backoff is the one place a pause is the point: the service asked us to slow down.
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
    return true;
  }

  int attempts() {
    return attempt + 1;
  }
}
