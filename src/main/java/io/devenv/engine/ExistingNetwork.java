package io.devenv.engine;

import org.testcontainers.containers.Network;

/**
 * A Docker network devenv made itself (labelled, found again by later processes), handed to
 * Testcontainers. Closing it does nothing: {@code devenv down} removes it, not the JVM.
 */
final class ExistingNetwork implements Network {
  private final String name;

  ExistingNetwork(String name) {
    this.name = name;
  }

  /** The network's name, which Docker accepts wherever it accepts an ID. */
  @Override
  public String getId() {
    return name;
  }

  @Override
  public void close() {}
}
