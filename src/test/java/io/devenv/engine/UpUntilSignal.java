package io.devenv.engine;

import io.devenv.core.DevenvException;
import io.devenv.lifecycle.ShutdownGuard;
import io.devenv.profile.ProfileLoader;
import java.nio.file.Path;
import java.time.Duration;

/** Child process for {@link EngineProcessTest}: runs {@code up} the way the CLI does, guarded against Ctrl-C. */
public final class UpUntilSignal {
  private UpUntilSignal() {}

  public static void main(String[] args) {
    var profile = ProfileLoader.load(Path.of(args[1]));
    int code = 0;
    // Closed only after the outcome is reported: once closed, a pending shutdown lets the JVM end.
    ShutdownGuard guard = ShutdownGuard.interruptOnShutdown(Duration.ofSeconds(40));
    try {
      System.out.println("starting");
      System.out.flush();
      DockerEngine.connect().start(profile, EngineOptions.of(Path.of(args[0])).withStartupTimeout(Duration.ofMinutes(2)));
      System.out.println("started");
    } catch (DevenvException e) {
      System.out.println("error " + e.exitCode() + ": " + e.getMessage());
      code = e.exitCode();
    } finally {
      System.out.flush();
      guard.close();
    }
    System.exit(code);
  }
}
