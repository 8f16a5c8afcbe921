package io.devenv.lifecycle;

import io.devenv.engine.DockerEngine;
import io.devenv.engine.TestcontainersSetup;

/** What devenv's own process sets up before any command runs (the command line only, never JUnit). */
public final class CommandLineProcess {
  private CommandLineProcess() {}

  /** Testcontainers pulls no image of its own in this process (see {@link TestcontainersSetup}). */
  public static void prepare() {
    TestcontainersSetup.forThisProcess();
  }

  /**
   * For a command line that will run {@code up} on the Docker engine (its default, when no
   * {@code --engine} is given): starts finding the Docker daemon now, while the command line and
   * the profile are read. Call after {@link #prepare}.
   */
  public static void prepareDockerUp(String... args) {
    if (dockerUp(args)) {
      DockerEngine.prepareEarly();
    }
  }

  /** Whether these arguments run {@code up} on the Docker engine (when in doubt: no). */
  static boolean dockerUp(String... args) {
    boolean up = false;
    for (String arg : args) {
      if (arg.startsWith("--engine") || arg.equals("--help") || arg.equals("-h")) {
        return false;
      }
      up |= arg.equals("up");
    }
    return up;
  }
}
