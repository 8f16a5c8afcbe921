package io.devenv.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Network;
import com.github.dockerjava.api.model.Ports;
import io.devenv.environment.AwsAccess;
import io.devenv.profile.Profile;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Finding and reading devenv's Docker objects by their labels. */
final class DockerObjects {
  private DockerObjects() {}

  /** Every container (running or not) carrying the environment's labels, emulator first. */
  static List<Container> containers(DockerClient docker, EnvironmentId id) {
    List<Container> found = new ArrayList<>(docker.listContainersCmd().withShowAll(true)
        .withLabelFilter(id.labels()).exec());
    found.sort(Comparator.comparing((Container c) -> role(c).equals("aws") ? 0 : 1).thenComparing(DockerObjects::name));
    return found;
  }

  static List<Container> containersCreatedBy(DockerClient docker, String createdBy) {
    return docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(Labels.CREATED_BY, createdBy)).exec();
  }

  static List<Network> networks(DockerClient docker, EnvironmentId id) {
    return docker.listNetworksCmd().withFilter("label", id.labelFilter()).exec();
  }

  static String role(Container c) {
    return c.getLabels() == null ? "" : c.getLabels().getOrDefault(Labels.ROLE, "");
  }

  static String name(Container c) {
    String[] names = c.getNames();
    return names == null || names.length == 0 ? c.getId().substring(0, 12) : names[0].replaceFirst("^/", "");
  }

  static InspectContainerResponse inspect(DockerClient docker, String containerId) {
    return docker.inspectContainerCmd(containerId).exec();
  }

  /** The host port a container port is published on, or 0 when it is not published. */
  static int hostPort(InspectContainerResponse info, int containerPort) {
    Ports.Binding[] bindings = info.getNetworkSettings().getPorts().getBindings().get(ExposedPort.tcp(containerPort));
    if (bindings == null || bindings.length == 0 || bindings[0].getHostPortSpec() == null) {
      return 0;
    }
    return Integer.parseInt(bindings[0].getHostPortSpec());
  }

  /** "127.0.0.1:49153->4566" for every published port. */
  static List<String> publishedPorts(InspectContainerResponse info) {
    List<String> published = new ArrayList<>();
    info.getNetworkSettings().getPorts().getBindings().forEach((port, bindings) -> {
      if (bindings != null) {
        for (Ports.Binding b : bindings) {
          published.add(b.getHostIp() + ":" + b.getHostPortSpec() + "->" + port.getPort());
        }
      }
    });
    published.sort(null);
    return published;
  }

  /** The container's IP address on the named network, or null. */
  static String networkAddress(InspectContainerResponse info, String network) {
    Map<String, ContainerNetwork> networks = info.getNetworkSettings().getNetworks();
    ContainerNetwork n = networks == null ? null : networks.get(network);
    return n == null || n.getIpAddress() == null || n.getIpAddress().isEmpty() ? null : n.getIpAddress();
  }

  /**
   * The container's id and the time its current run started: a restart (or a new container) gives
   * another, so whatever was recorded for an emulator never matches one restarted empty.
   */
  static String instance(InspectContainerResponse info) {
    String started = info.getState() == null ? null : info.getState().getStartedAt();
    return started == null || started.isBlank() ? null : "docker " + info.getId() + " " + started;
  }

  /** How to reach a running emulator container: its published port on 127.0.0.1 and its network address. */
  static AwsAccess awsAccess(InspectContainerResponse info, Profile profile, String network) {
    int port = Integer.parseInt(info.getConfig().getLabels()
        .getOrDefault(Labels.SERVICE_PORT, String.valueOf(AwsAccess.DEFAULT_PORT)));
    URI endpoint = URI.create("http://" + ContainerSetup.LOOPBACK + ":" + hostPort(info, port));
    return AwsAccess.local(endpoint, profile.aws().region()).withNetworkAddress(networkAddress(info, network), port)
        .withInstance(instance(info));
  }

  /** Removes a container with its anonymous volumes; true if it existed. */
  static boolean removeContainer(DockerClient docker, String containerId) {
    try {
      docker.removeContainerCmd(containerId).withForce(true).withRemoveVolumes(true).exec();
      return true;
    } catch (NotFoundException e) {
      return false;
    }
  }

  static boolean removeNetwork(DockerClient docker, String networkId) {
    try {
      docker.removeNetworkCmd(networkId).exec();
      return true;
    } catch (NotFoundException e) {
      return false;
    }
  }
}
