package io.devenv.engine;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.rnorth.ducttape.ratelimits.RateLimiter;
import org.rnorth.ducttape.ratelimits.RateLimiterBuilder;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.containers.wait.strategy.WaitAllStrategy;
import org.testcontainers.containers.wait.strategy.WaitStrategy;

/**
 * Ready means: the health endpoint answers 200, then the init endpoint (if any) says done. Each is
 * asked every {@value #POLL_MILLIS} ms: Testcontainers' default, once a second shared by every wait
 * in the JVM, added up to a second to each of the two waits of a cold start; at 100 ms a cold up
 * still waited 50 ms on average after the emulator answered, at 25 ms about 12 (a refused local
 * connection costs well under a millisecond).
 */
final class EmulatorReadiness {
  static final int POLL_MILLIS = 25;

  private EmulatorReadiness() {}

  private static RateLimiter poll() {
    return RateLimiterBuilder.newBuilder().withRate(1000 / POLL_MILLIS, TimeUnit.SECONDS).withConstantThroughput().build();
  }

  static WaitStrategy of(EmulatorSettings settings, Duration timeout) {
    WaitAllStrategy all = new WaitAllStrategy(WaitAllStrategy.Mode.WITH_OUTER_TIMEOUT)
        .withStrategy(Wait.forHttp(settings.healthPath()).forPort(settings.port()).forStatusCode(200).withRateLimiter(poll()));
    InitCheck init = settings.init();
    if (init.path() != null) {
      all.withStrategy(Wait.forHttp(init.path()).forPort(settings.port()).forStatusCode(200)
          .forResponsePredicate(init::isComplete).withRateLimiter(poll()));
    }
    return all.withStartupTimeout(timeout);
  }
}
