package io.devenv.engine;

import java.util.Map;

/** The one place that maps an {@link EngineKind} to its implementation. */
public final class Engines {

  private Engines() {}

  /**
   * The engine chosen, ready to use.
   *
   * @param environment the process environment (KUBECONFIG, emulator tokens)
   * (the Docker engine connects when first asked: a Docker that is not reachable is reported then)
   */
  public static Engine create(EngineChoice choice, Map<String, String> environment) {
    return switch (choice.kind()) {
      case DOCKER -> DockerEngine.whenNeeded();
      case EXTERNAL -> new ExternalEngine(environment, choice);
    };
  }
}
