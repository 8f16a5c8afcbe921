package io.devenv.engine;

import java.time.Duration;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.containers.wait.strategy.WaitAllStrategy;
import org.testcontainers.containers.wait.strategy.WaitStrategy;

/** Ready means: the health endpoint answers 200, then the init endpoint (if any) says done. */
final class EmulatorReadiness {
  private EmulatorReadiness() {}

  static WaitStrategy of(EmulatorSettings settings, Duration timeout) {
    WaitAllStrategy all = new WaitAllStrategy(WaitAllStrategy.Mode.WITH_OUTER_TIMEOUT)
        .withStrategy(Wait.forHttp(settings.healthPath()).forPort(settings.port()).forStatusCode(200));
    InitCheck init = settings.init();
    if (init.path() != null) {
      all.withStrategy(Wait.forHttp(init.path()).forPort(settings.port()).forStatusCode(200)
          .forResponsePredicate(init::isComplete));
    }
    return all.withStartupTimeout(timeout);
  }
}
