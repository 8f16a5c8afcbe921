package io.devenv.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reuse lookup's reads against a real Docker: what they read of a container, as JSON trees, is
 * what docker-java's model of the same container says, field by field.
 */
@Tag("docker") // needs Docker: run by mvn verify, not by mvn test
class DockerReadsTest {
  @TempDir Path project;
  private DockerClient docker;
  private DockerReads reads;
  private String container;
  private String network;

  @BeforeEach
  void start() {
    DockerRequirements.image(DockerRequirements.MINISTACK_IMAGE);
    docker = DockerAccess.client();
    reads = DockerReads.on(URI.create(DockerAccess.host()));
  }

  @AfterEach
  void removeEverything() throws Exception {
    if (container != null) {
      DockerObjects.removeContainer(docker, container);
    }
    if (network != null) {
      DockerObjects.removeNetwork(docker, network);
    }
    reads.close();
  }

  @Test
  @DisplayName("a running container's list entry and inspect read as trees equal docker-java's model of them")
  void treesReadAsTheModel() throws Exception {
    // Given a labelled container on its own network, a port published on 127.0.0.1 and one exposed only
    EnvironmentId id = new EnvironmentId(project, "reads-" + UUID.randomUUID().toString().substring(0, 8));
    network = docker.createNetworkCmd().withName(id.baseName()).withLabels(id.labels()).exec().getId();
    Map<String, String> labels = new java.util.LinkedHashMap<>(id.labels());
    labels.put(Labels.ROLE, EnvironmentStarter.AWS);
    container = docker.createContainerCmd(DockerRequirements.MINISTACK_IMAGE).withName(id.containerName(EnvironmentStarter.AWS))
        .withLabels(labels).withExposedPorts(com.github.dockerjava.api.model.ExposedPort.tcp(4566),
            com.github.dockerjava.api.model.ExposedPort.tcp(4571))
        .withHostConfig(HostConfig.newHostConfig().withNetworkMode(id.baseName())
            .withPortBindings(PortBinding.parse("127.0.0.1::4566")))
        .exec().getId();
    docker.startContainerCmd(container).exec();

    // When the lookup's reads list and inspect it
    List<ContainerSummary> listed = reads.containers(id.labelFilter());
    ContainerDetails inspected = reads.inspect(container).orElseThrow();

    // Then they read what docker-java's model reads
    ContainerSummary model = ContainerSummary.of(docker.listContainersCmd().withShowAll(true)
        .withLabelFilter(id.labels()).exec().get(0));
    assertThat(listed).containsExactly(model);
    assertThat(model.state()).isEqualTo("running");
    assertThat(model.networks()).containsExactly(id.baseName());
    assertThat(model.role()).isEqualTo(EnvironmentStarter.AWS);
    assertThat(model.name()).isEqualTo(id.containerName(EnvironmentStarter.AWS));
    assertThat(model.image()).isEqualTo(DockerRequirements.MINISTACK_IMAGE);
    assertThat(reads.networks(id.labelFilter())).containsExactly(new DockerReads.NetworkEntry(network, id.baseName()));

    ContainerDetails full = DockerObjects.inspect(docker, container);
    assertThat(inspected.id()).isEqualTo(full.id()).isEqualTo(container);
    assertThat(inspected.startedAt()).isEqualTo(full.startedAt()).isNotBlank();
    assertThat(inspected.instance()).isEqualTo(full.instance());
    assertThat(inspected.labels()).isEqualTo(full.labels()).containsAllEntriesOf(labels);
    assertThat(inspected.published()).containsExactlyInAnyOrderElementsOf(full.published());
    assertThat(inspected.publishedPorts()).isEqualTo(full.publishedPorts()).hasSize(1);
    assertThat(inspected.hostPort(4566)).isEqualTo(full.hostPort(4566)).isPositive();
    assertThat(inspected.hostPort(4571)).as("exposed, not published").isZero();
    assertThat(inspected.networkAddress(id.baseName())).isEqualTo(full.networkAddress(id.baseName())).isNotBlank();
  }

  @Test
  @DisplayName("no container: an empty list and an empty inspect; a ping answers")
  void nothingThere() throws Exception {
    EnvironmentId id = new EnvironmentId(project, "reads-none");
    assertThat(reads.ping()).isTrue();
    assertThat(reads.containers(id.labelFilter())).isEmpty();
    assertThat(reads.networks(id.labelFilter())).isEmpty();
    assertThat(reads.inspect("devenv-no-such-container-" + UUID.randomUUID())).isEmpty();
  }

  @Test
  @DisplayName("a socket where no Docker answers: the ping says no and a read fails with an IOException naming the socket")
  void noDockerThere() throws Exception {
    URI nowhere = URI.create("unix://" + project.resolve("no-docker.sock"));
    try (DockerReads none = DockerReads.on(nowhere)) {
      assertThat(none.ping()).isFalse();
      assertThatThrownBy(() -> none.containers(List.of("a=b"))).isInstanceOf(java.io.IOException.class)
          .hasMessageContaining("no-docker.sock");
    }
    assertThatThrownBy(() -> DockerReads.on(URI.create("tcp://127.0.0.1:2375"))).isInstanceOf(IllegalArgumentException.class);
  }
}
