package io.devenv.engine;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What runs for a project and profile.
 *
 * @param projectDir the project directory
 * @param profile the profile, or null for every profile of the project
 * @param networks the environment's Docker networks
 * @param containers its containers, emulator first
 */
public record Status(Path projectDir, String profile, List<String> networks, List<ContainerStatus> containers) {

  /** Whether anything of the environment exists. */
  public boolean isEmpty() {
    return containers.isEmpty() && networks.isEmpty();
  }

  public Optional<ContainerStatus> container(String role) {
    return containers.stream().filter(c -> c.role().equals(role)).findFirst();
  }
}
