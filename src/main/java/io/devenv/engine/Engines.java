package io.devenv.engine;

import java.util.Map;

/** The one place that maps an {@link EngineKind} to its implementation. */
public final class Engines {

  private Engines() {}

  /**
   * The engine chosen, ready to use.
   *
   * @param environment the process environment (KUBECONFIG, emulator tokens)
   * @throws io.devenv.core.DevenvException when the Docker engine is chosen and Docker is not reachable
   */
  public static Engine create(EngineChoice choice, Map<String, String> environment) {
    return switch (choice.kind()) {
      case DOCKER -> DockerEngine.connect();
      case EXTERNAL -> new ExternalEngine(environment, choice);
    };
  }
}
