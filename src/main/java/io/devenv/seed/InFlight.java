package io.devenv.seed;

import java.util.concurrent.CancellationException;

/**
 * Bounds the units a streamed target has handed to the pool and not yet finished, by count and by
 * their bytes, so that reading a file never runs ahead of sending it: memory stays that of the
 * units in flight, whatever the file's size. A unit larger than the byte budget still goes, alone.
 */
final class InFlight {
  private final int maxUnits;
  private final long maxBytes;
  private int units;
  private long bytes;

  InFlight(int maxUnits, long maxBytes) {
    this.maxUnits = Math.max(1, maxUnits);
    this.maxBytes = Math.max(1, maxBytes);
  }

  /** Waits for room for a unit of {@code size} bytes; returns the weight to give back to {@link #release}. */
  synchronized long acquire(long size) {
    long weight = Math.min(Math.max(0, size), maxBytes);
    while (units >= maxUnits || (units > 0 && bytes + weight > maxBytes)) {
      await();
    }
    units++;
    bytes += weight;
    return weight;
  }

  synchronized void release(long weight) {
    units--;
    bytes -= weight;
    notifyAll();
  }

  /** Waits until every unit handed out has finished. */
  synchronized void awaitIdle() {
    while (units > 0) {
      await();
    }
  }

  private void await() {
    try {
      wait();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("interrupted while waiting for units in flight");
    }
  }
}
