package io.devenv.engine;

import java.util.Map;
import java.util.function.Supplier;

/** The one place that maps an {@link EngineKind} to its implementation. */
public final class Engines {

  private Engines() {}

  /**
   * The engine chosen, for {@code up}, as early as it can be had: the Docker engine is made now and
   * starts preparing its reuse lookup in the background ({@link DockerEngine#prepare}), while the
   * caller loads the profile; the others are made when first asked for, as {@link #create} makes them.
   */
  public static Supplier<Engine> early(EngineChoice choice, Map<String, String> environment) {
    if (choice.kind() == EngineKind.DOCKER) {
      Engine docker = DockerEngine.whenNeeded().prepare();
      return () -> docker;
    }
    return () -> create(choice, environment);
  }

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
