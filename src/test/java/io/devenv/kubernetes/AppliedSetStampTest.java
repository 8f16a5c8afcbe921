package io.devenv.kubernetes;

import static io.devenv.kubernetes.KubernetesDeployerTest.configMap;
import static io.devenv.kubernetes.ManifestLoaderTest.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.devenv.core.Check;
import io.devenv.core.Progress;
import io.devenv.profile.Profile;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The applied-set stamp against the fabric8 mock API server (CRUD, with the test's fake
 * controllers): a deploy with nothing changed writes nothing, and a change on either side — a
 * manifest, or an object edited or deleted by hand — is still applied.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class AppliedSetStampTest {

  KubernetesMockServer server;
  KubernetesClient client;
  private FakeControllers controllers;

  static {
    MockServerLogs.quiet();
  }

  @BeforeEach
  void startControllers() {
    controllers = new FakeControllers(server, client).start();
  }

  @AfterEach
  void stopControllers() {
    controllers.close();
  }

  @Test
  @DisplayName("the sample platform deployed again with nothing changed: the stamp matches, nothing is written or waited for")
  void unchanged() throws Exception {
    Profile profile = TestProfiles.sample("default.yaml");
    DeployReport first = new KubernetesDeployer(client, Progress.SILENT).deploy(profile, TestProfiles.AWS);
    requests();

    DeployReport second = new KubernetesDeployer(client, Progress.SILENT).deploy(profile, TestProfiles.AWS);

    assertThat(writes(requests())).as("no object written by the second deploy").isEmpty();
    assertThat(second.summary()).isEqualTo("0 created, 0 configured, " + first.applied().size() + " unchanged, 0 pruned");
    assertThat(second.checks()).extracting(Check::name).singleElement().asString()
        .matches("Kubernetes: \\d+ objects unchanged since \\d\\d:\\d\\d \\(stamp\\)");
  }

  @Test
  @DisplayName("an object edited by hand moves its resourceVersion: the next deploy does not trust the stamp and applies it")
  void editedByHand(@TempDir Path dir) throws Exception {
    write(dir, "app.yaml", configMap("settings", "colour: blue"));
    Profile profile = TestProfiles.write(dir, "name: shop\nkubernetes: {namespace: shop, manifests: [app.yaml]}\n");
    new KubernetesDeployer(client, Progress.SILENT).deploy(profile, null);
    client.configMaps().inNamespace("shop").withName("settings").edit(c -> {
      c.getData().put("colour", "red");
      return c;
    });
    requests();

    DeployReport again = new KubernetesDeployer(client, Progress.SILENT).deploy(profile, null);

    // (Putting the value back is server-side apply's part, which the mock lacks: see K3sDeployTest.)
    assertThat(again.checks()).as("no stamp used").noneMatch(c -> c.name().contains("(stamp)"));
    assertThat(requests()).as("the object was looked at and applied again (a stamped deploy only lists)")
        .anyMatch(r -> r.getPath().contains("/namespaces/shop/configmaps/settings"));
  }

  @Test
  @DisplayName("an object deleted by hand is created again")
  void deletedByHand(@TempDir Path dir) throws Exception {
    write(dir, "app.yaml", configMap("settings", "colour: blue"));
    Profile profile = TestProfiles.write(dir, "name: shop\nkubernetes: {namespace: shop, manifests: [app.yaml]}\n");
    new KubernetesDeployer(client, Progress.SILENT).deploy(profile, null);
    client.configMaps().inNamespace("shop").withName("settings").delete();

    DeployReport again = new KubernetesDeployer(client, Progress.SILENT).deploy(profile, null);

    assertThat(again.count(ApplyOutcome.CREATED)).isEqualTo(1);
    assertThat(client.configMaps().inNamespace("shop").withName("settings").get()).isNotNull();
  }

  @Test
  @DisplayName("a changed manifest defeats the stamp; withVerify applies everything whatever it says")
  void changedManifestAndVerify(@TempDir Path dir) throws Exception {
    write(dir, "app.yaml", configMap("settings", "colour: blue"));
    Profile profile = TestProfiles.write(dir, "name: shop\nkubernetes: {namespace: shop, manifests: [app.yaml]}\n");
    new KubernetesDeployer(client, Progress.SILENT).deploy(profile, null);
    write(dir, "app.yaml", configMap("settings", "colour: green"));

    DeployReport changed = new KubernetesDeployer(client, Progress.SILENT).deploy(profile, null);
    DeployReport stamped = new KubernetesDeployer(client, Progress.SILENT).deploy(profile, null);
    DeployReport verified = new KubernetesDeployer(client, Progress.SILENT).withVerify(true).deploy(profile, null);

    assertThat(changed.count(ApplyOutcome.CONFIGURED)).isEqualTo(1);
    assertThat(stamped.checks()).extracting(Check::name).singleElement().asString().contains("(stamp)");
    assertThat(verified.checks()).noneMatch(c -> c.name().contains("(stamp)"));
    assertThat(verified.summary()).startsWith("0 created, 0 configured");
  }

  private static List<String> writes(List<RecordedRequest> requests) {
    return requests.stream().filter(r -> List.of("POST", "PUT", "PATCH", "DELETE").contains(r.getMethod()))
        // The fake controllers write status, as a cluster's would.
        .filter(r -> !r.getPath().contains("/status"))
        .map(r -> r.getMethod() + " " + r.getPath()).toList();
  }

  /** The requests received since the last call. */
  private List<RecordedRequest> requests() throws InterruptedException {
    List<RecordedRequest> requests = new ArrayList<>();
    for (RecordedRequest r; (r = server.takeRequest(200, TimeUnit.MILLISECONDS)) != null; ) {
      requests.add(r);
    }
    return requests;
  }
}
