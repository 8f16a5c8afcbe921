package io.devenv.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.devenv.expose.ForwardListener;
import io.devenv.expose.PortForwards;
import io.devenv.core.Check;
import io.devenv.core.Progress;
import io.devenv.environment.ClusterAccess;
import io.devenv.engine.DockerRequirements;
import io.devenv.engine.K3sCluster;
import io.devenv.lifecycle.Clusters;
import io.devenv.profile.Profile;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.k3s.K3sContainer;

/**
 * The deployer and port-forwards against a real k3s: the server-side apply path, real rollouts,
 * real logs, and a forward that outlives its pod. Runs where the k3s image is in the local
 * Docker daemon (and the cluster can pull busybox); skipped, saying so, everywhere else.
 */
@Tag("docker") // needs Docker: run by mvn verify, not by mvn test
class K3sDeployTest {

  private static K3sContainer k3s;
  private static KubernetesClient client;

  /** Each test checks for the image itself, so that each is reported skipped with the reason; the cluster starts once. */
  @BeforeEach
  void cluster() {
    DockerRequirements.k3s();
    if (k3s == null) {
      k3s = K3sCluster.create(null);
      k3s.start();
      client = Clusters.client(new ClusterAccess(k3s.getKubeConfigYaml(), null));
    }
  }

  @AfterAll
  static void stopCluster() {
    if (client != null) {
      client.close();
    }
    if (k3s != null) {
      k3s.stop();
    }
  }

  @Test
  @DisplayName("time-api deploys by server-side apply, gets ready, and a second deploy changes nothing")
  void deploysByServerSideApply() {
    // Given the time-api sample profile
    Profile profile = TestProfiles.sample("time-api.yaml");
    KubernetesDeployer deployer = new KubernetesDeployer(client, Progress.SILENT);

    // When deployed twice
    DeployReport first = deployer.deploy(profile, null);
    DeployReport second = deployer.deploy(profile, null);

    // Then the real API server took server-side apply, the rollout completed, and nothing changed the second time
    assertThat(first.serverSideApply()).as("k3s supports server-side apply").isTrue();
    assertThat(first.checks()).extracting(Check::name, Check::ok)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("Deployment vod/time-api", true));
    assertThat(second.count(ApplyOutcome.UNCHANGED)).isEqualTo(second.applied().size());
  }

  @Test
  @DisplayName("a port-forward reaches time-api, and still does after its pod is replaced")
  void portForwardSurvivesPodReplacement() throws Exception {
    // Given time-api deployed and forwarded
    Profile profile = TestProfiles.sample("time-api.yaml");
    new KubernetesDeployer(client, Progress.SILENT).deploy(profile, null);
    try (PortForwards forwards = new PortForwards(client, Progress.SILENT)) {
      int port = forwards.start(profile).get(0).localPort();
      assertThat(get(port)).as("the time, from the pod").matches("\\d{4}-\\d\\d-\\d\\dT.*Z\\s*");

      // When its pod is deleted and the Deployment replaces it
      Pod old = client.pods().inNamespace("vod").withLabel("app.kubernetes.io/name", "time-api").list().getItems().get(0);
      client.resource(old).delete();
      client.pods().inNamespace("vod").withLabel("app.kubernetes.io/name", "time-api")
          .informOnCondition(pods -> pods.stream().anyMatch(p -> !p.getMetadata().getName().equals(old.getMetadata().getName())
              && ForwardListener.ready(p)))
          .get(3, TimeUnit.MINUTES);

      // Then the same local port reaches the new pod
      assertThat(get(port)).matches("\\d{4}-\\d\\d-\\d\\dT.*Z\\s*");
    }
  }

  @Test
  @DisplayName("a crashing container fails the deploy with its real log lines in the report")
  void crashLoopOnARealCluster(@TempDir Path dir) throws Exception {
    // Given a Deployment whose container prints a line and exits 1
    Files.writeString(dir.resolve("crash.yaml"), "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: crash}\nspec:\n"
        + "  selector: {matchLabels: {app: crash}}\n  template:\n    metadata: {labels: {app: crash}}\n"
        + "    spec: {containers: [{name: crash, image: busybox:1.37.0, command: [sh, -c, 'echo cannot reach the emulator; exit 1']}]}\n");
    Profile profile = TestProfiles.write(dir, "name: crash\nkubernetes: {namespace: crash, waitTimeout: 4m, manifests: [crash.yaml]}\n");

    // When deployed
    ReadinessException e = catchThrowableOfType(ReadinessException.class,
        () -> new KubernetesDeployer(client, Progress.SILENT).deploy(profile, null));

    // Then it failed on CrashLoopBackOff, with the container's own output
    assertThat(e.getMessage()).startsWith("Deployment crash/crash failed: CrashLoopBackOff in container crash of pod crash-");
    assertThat(e.report()).contains("    | cannot reach the emulator").contains("--previous");
  }

  private static String get(int port) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).timeout(Duration.ofSeconds(20)).build();
    return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
  }
}
