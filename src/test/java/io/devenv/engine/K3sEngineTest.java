package io.devenv.engine;

import io.devenv.environment.Environment;
import static org.assertj.core.api.Assertions.assertThat;

import io.devenv.expose.KubeconfigFile;
import io.devenv.profile.Profile;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The k3s container itself. Runs where the pinned rancher/k3s image is present locally (no
 * registry serves it on the CI machines of this project); skipped with a message elsewhere.
 */
@Tag("docker") // needs Docker: run by mvn verify, not by mvn test
class K3sEngineTest {
  @TempDir Path project;
  private DockerEngine engine;

  @BeforeEach
  void requireK3s() {
    DockerRequirements.k3s();
    DockerRequirements.image(DockerRequirements.MINISTACK_IMAGE);
    engine = DockerEngine.connect();
  }

  @AfterEach
  void removeEverything() {
    if (engine != null) {
      engine.down(project, null, true);
    }
  }

  @Test
  @DisplayName("k3s starts beside the emulator, imports a local image, pods reach the emulator's network address, up again reuses both")
  void clusterWithEmulator() {
    // Given a profile with the emulator, k3s, and a local image to import
    Profile profile = TestProfiles.parse(project, "name: k3s\naws:\n  emulator: ministack\n  image: "
        + DockerRequirements.MINISTACK_IMAGE + "\n  buckets: [{ name: k3s-bucket }]\n"
        + "kubernetes:\n  images: [" + DockerRequirements.MINISTACK_IMAGE + "]\n");

    // When started
    Environment env = engine.start(profile, EngineOptions.of(project).withStartupTimeout(Duration.ofMinutes(3)));

    // Then the kubeconfig reaches a Ready node on 127.0.0.1 and is written owner-only
    Path kubeconfig = KubeconfigFile.write(project, env.cluster());
    assertThat(kubeconfig).exists();
    assertThat(PosixFilePermissions.toString(uncheckedPermissions(kubeconfig))).isEqualTo("rw-------");
    try (KubernetesClient k8s = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(env.cluster().kubeconfig())).build()) {
      assertThat(k8s.getMasterUrl().getHost()).isEqualTo("127.0.0.1");
      awaitReadyNode(k8s);

      // And a pod using the imported image reaches the emulator at its network address
      k8s.serviceAccounts().inNamespace("default").withName("default")
          .waitUntilCondition(Objects::nonNull, 60, TimeUnit.SECONDS);
      String url = "http://" + env.aws().networkAddress() + ":" + env.aws().networkPort() + "/_ministack/health";
      Pod probe = new PodBuilder().withNewMetadata().withName("reach-aws").endMetadata()
          .withNewSpec().withRestartPolicy("Never").addNewContainer().withName("probe")
          .withImage(DockerRequirements.MINISTACK_IMAGE).withImagePullPolicy("Never")
          .withCommand("/opt/ministack/bin/python", "-c",
              "import urllib.request; urllib.request.urlopen('" + url + "', timeout=5)")
          .endContainer().endSpec().build();
      k8s.pods().inNamespace("default").resource(probe).create();
      Pod done = k8s.pods().inNamespace("default").withName("reach-aws").waitUntilCondition(
          p -> p != null && p.getStatus() != null && ("Succeeded".equals(p.getStatus().getPhase())
              || "Failed".equals(p.getStatus().getPhase())), 120, TimeUnit.SECONDS);
      assertThat(done.getStatus().getPhase()).as("pod reached " + url).isEqualTo("Succeeded");
    }

    // And every published port of both containers is on 127.0.0.1
    Status status = engine.status(project, "k3s");
    assertThat(status.containers()).extracting(ContainerStatus::role).containsExactly("aws", "k3s");
    assertThat(status.containers()).allSatisfy(c -> assertThat(c.publishedPorts()).isNotEmpty()
        .allSatisfy(p -> assertThat(p).startsWith("127.0.0.1:")));

    // When up runs again
    Environment again = engine.start(profile, EngineOptions.of(project));

    // Then both containers are reused and the kubeconfig still works
    assertThat(engine.status(project, "k3s").containers()).extracting(ContainerStatus::id)
        .containsExactlyElementsOf(status.containers().stream().map(ContainerStatus::id).toList());
    try (KubernetesClient k8s = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(again.cluster().kubeconfig())).build()) {
      assertThat(k8s.nodes().list().getItems()).isNotEmpty();
    }

    // When brought down, nothing remains
    engine.down(project, "k3s", false);
    assertThat(engine.status(project, "k3s").isEmpty()).isTrue();
  }

  private static void awaitReadyNode(KubernetesClient k8s) {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (System.nanoTime() < deadline) {
      boolean ready = k8s.nodes().list().getItems().stream().flatMap(n -> n.getStatus().getConditions().stream())
          .anyMatch((NodeCondition c) -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
      if (ready) {
        return;
      }
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    throw new AssertionError("no Ready node within 120s");
  }

  private static java.util.Set<java.nio.file.attribute.PosixFilePermission> uncheckedPermissions(Path p) {
    try {
      return Files.getPosixFilePermissions(p);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
