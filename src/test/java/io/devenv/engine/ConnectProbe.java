package io.devenv.engine;

import io.devenv.core.DevenvException;

/** Child process for {@link EngineProcessTest}: connects to Docker and prints the outcome. */
public final class ConnectProbe {
  private ConnectProbe() {}

  public static void main(String[] args) {
    try {
      DockerEngine.connect();
      System.out.println("reachable");
    } catch (DevenvException e) {
      System.out.println("error " + e.exitCode() + ": " + e.getMessage());
    }
  }
}
