package io.devenv.engine;

import java.time.Instant;
import java.util.List;

/**
 * One container of an environment as {@code devenv status} shows it.
 *
 * @param role {@code aws} or {@code k3s}
 * @param name the container name
 * @param id the container ID (12 characters)
 * @param image the image
 * @param state Docker's state: running, exited, created, ...
 * @param health for the emulator: healthy, or why not; for k3s: its state
 * @param endpoint how this machine reaches it ({@code http://127.0.0.1:49153}, {@code https://127.0.0.1:49154}), or null
 * @param networkAddress its IP address on the environment's network, or null
 * @param publishedPorts every published port as {@code hostIp:hostPort->containerPort}
 * @param configHash the hash of the settings it was created with
 * @param created when it was created
 */
public record ContainerStatus(
    String role,
    String name,
    String id,
    String image,
    String state,
    String health,
    String endpoint,
    String networkAddress,
    List<String> publishedPorts,
    String configHash,
    Instant created) {

  public boolean running() {
    return "running".equals(state);
  }
}
