package io.devenv.engine;

import java.util.List;

/**
 * What {@code devenv down} removed, by name.
 *
 * @param containers removed containers
 * @param networks removed networks
 * @param volumes removed volumes (only with {@code --volumes})
 */
public record DownReport(List<String> containers, List<String> networks, List<String> volumes) {

  public boolean removedNothing() {
    return containers.isEmpty() && networks.isEmpty() && volumes.isEmpty();
  }

  /** "2 containers, 1 network, 0 volumes". */
  public String summary() {
    return count(containers.size(), "container") + ", " + count(networks.size(), "network") + ", "
        + count(volumes.size(), "volume");
  }

  private static String count(int n, String what) {
    return n + " " + what + (n == 1 ? "" : "s");
  }
}
