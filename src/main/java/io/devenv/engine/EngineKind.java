package io.devenv.engine;

/** Where an environment runs: the one list of engines, used by the CLI, the JUnit extension and the factory. */
public enum EngineKind {
  /** Containers started (or found again) by devenv in the local Docker. */
  DOCKER("containers started or reused"),
  /** An AWS endpoint and a cluster that already run. */
  EXTERNAL("external endpoints");

  private final String startCheck;

  EngineKind(String startCheck) {
    this.startCheck = startCheck;
  }

  /** The name of {@code up}'s engine check: what starting this engine amounts to. */
  public String startCheck() {
    return startCheck;
  }
}
