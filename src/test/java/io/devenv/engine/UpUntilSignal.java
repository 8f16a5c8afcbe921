package io.devenv.engine;

import io.devenv.core.DevenvException;
import io.devenv.profile.ProfileLoader;
import java.nio.file.Path;
import java.time.Duration;

/** Child process for {@link EngineProcessTest}: runs {@code up} the way the CLI does, guarded against Ctrl-C. */
public final class UpUntilSignal {
  private UpUntilSignal() {}

  public static void main(String[] args) {
    var profile = ProfileLoader.load(Path.of(args[1]));
    int code = 0;
    try (ShutdownGuard guard = ShutdownGuard.interruptOnShutdown(Duration.ofSeconds(40))) {
      System.out.println("starting");
      System.out.flush();
      DockerEngine.connect().start(profile, EngineOptions.of(Path.of(args[0])).withStartupTimeout(Duration.ofMinutes(2)));
      System.out.println("started");
    } catch (DevenvException e) {
      System.out.println("error " + e.exitCode() + ": " + e.getMessage());
      code = e.exitCode();
    }
    System.out.flush();
    System.exit(code);
  }
}
