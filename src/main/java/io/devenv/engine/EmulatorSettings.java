package io.devenv.engine;

import io.devenv.profile.Profile;
import java.util.Map;
import java.util.TreeMap;

/**
 * The emulator container as a profile and the environment shape it: everything that, when it
 * changes, means the running container must be recreated (see {@link #configHash()}).
 *
 * @param preset the preset
 * @param image the image to run
 * @param port the edge port inside the container
 * @param healthPath answers 200 once the emulator serves requests
 * @param init how it reports that init scripts have run
 * @param env environment variables passed to the container
 */
public record EmulatorSettings(
    EmulatorPreset preset, String image, int port, String healthPath, InitCheck init, Map<String, String> env) {

  public EmulatorSettings {
    env = Map.copyOf(env);
  }

  /** The settings for a profile; call {@link EmulatorPreset#check} first. */
  public static EmulatorSettings of(Profile profile, Map<String, String> environment) {
    var aws = profile.aws();
    EmulatorPreset preset = EmulatorPreset.of(aws);
    String image = aws.image() != null ? aws.image() : preset.defaultImage();
    int port = aws.port() != null ? aws.port() : preset.port();
    String health = aws.healthPath() != null ? aws.healthPath() : preset.healthPath();
    Map<String, String> env = new TreeMap<>();
    String token = environment.get(EmulatorPreset.TOKEN_VARIABLE);
    if (preset == EmulatorPreset.LOCALSTACK && token != null && !token.isBlank()) {
      env.put(EmulatorPreset.TOKEN_VARIABLE, token);
    }
    return new EmulatorSettings(preset, image, port, health, preset.init(), env);
  }

  /**
   * The cheapest path that says a running emulator answers, for deciding whether to reuse it:
   * MiniStack's ready endpoint (its health endpoint lists every service and is slow right after
   * start), else the health path.
   */
  public String probePath() {
    return init == InitCheck.MINISTACK ? init.path() : healthPath;
  }

  /**
   * A short hash of what shapes the container. The token's value is left out (a new token does
   * not need a new container, and a hash must not leak it); whether one is set is kept in.
   */
  public String configHash() {
    Map<String, String> shape = new TreeMap<>();
    env.forEach((k, v) -> shape.put("env." + k, k.equals(EmulatorPreset.TOKEN_VARIABLE) ? "set" : v));
    shape.put("preset", preset.name());
    shape.put("image", image);
    shape.put("port", Integer.toString(port));
    shape.put("health", healthPath);
    shape.put("init", init.name());
    shape.put("state", String.valueOf(preset.stateDir()));
    return Hashes.of(shape);
  }

  @Override
  public String toString() {
    // The token must never reach a log line.
    return "EmulatorSettings[preset=" + preset.name() + ", image=" + image + ", port=" + port + "]";
  }
}
