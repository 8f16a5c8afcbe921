package io.devenv.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;
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
    found.sort(Comparator.comparing(ContainerSummary::of, ContainerSummary.ORDER));
    return found;
  }

  static List<Container> containersCreatedBy(DockerClient docker, String createdBy) {
    return docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(Labels.CREATED_BY, createdBy)).exec();
  }

  static List<Network> networks(DockerClient docker, EnvironmentId id) {
    return docker.listNetworksCmd().withFilter("label", id.labelFilter()).exec();
  }

  static String role(Container c) {
    return ContainerSummary.of(c).role();
  }

  static String name(Container c) {
    return ContainerSummary.of(c).name();
  }

  static ContainerDetails inspect(DockerClient docker, String containerId) {
    return ContainerDetails.of(docker.inspectContainerCmd(containerId).exec());
  }

  /** How to reach a running emulator container: its published port on 127.0.0.1 and its network address. */
  static AwsAccess awsAccess(ContainerDetails info, Profile profile, String network) {
    int port = Integer.parseInt(info.labels().getOrDefault(Labels.SERVICE_PORT, String.valueOf(AwsAccess.DEFAULT_PORT)));
    URI endpoint = URI.create("http://" + ContainerSetup.LOOPBACK + ":" + info.hostPort(port));
    return AwsAccess.local(endpoint, profile.aws().region()).withNetworkAddress(info.networkAddress(network), port)
        .withInstance(info.instance());
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
