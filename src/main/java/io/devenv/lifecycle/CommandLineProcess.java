package io.devenv.lifecycle;

import io.devenv.engine.TestcontainersSetup;

/** What devenv's own process sets up before any command runs (the command line only, never JUnit). */
public final class CommandLineProcess {
  private CommandLineProcess() {}

  /** Testcontainers pulls no image of its own in this process (see {@link TestcontainersSetup}). */
  public static void prepare() {
    TestcontainersSetup.forThisProcess();
  }
}
