package io.devenv.engine;

import io.devenv.core.Timings;
import java.time.Duration;
import org.testcontainers.containers.wait.strategy.WaitStrategy;
import org.testcontainers.containers.wait.strategy.WaitStrategyTarget;

/**
 * A container's wait strategy that also records where its start's time went: from the start's
 * beginning to the wait (image check, create, start) and the wait itself (health), for
 * {@code up --timings}. Testcontainers calls the wait right after the container runs.
 */
final class TimedWait implements WaitStrategy {
  private final WaitStrategy wait;
  private final Timings timings;
  private final String part;
  private final long begun = System.nanoTime();

  /** @param part what the container is, as the phases name it ("AWS emulator", "k3s") */
  TimedWait(WaitStrategy wait, Timings timings, String part) {
    this.wait = wait;
    this.timings = timings;
    this.part = part;
  }

  @Override
  public void waitUntilReady(WaitStrategyTarget target) {
    timings.record("engine: " + part + " container created and started", begun);
    timings.time("engine: " + part + " ready (its wait)", () -> {
      wait.waitUntilReady(target);
      return null;
    });
  }

  @Override
  public WaitStrategy withStartupTimeout(Duration startupTimeout) {
    wait.withStartupTimeout(startupTimeout);
    return this;
  }
}
