package io.devenv.kubernetes;

import static io.devenv.kubernetes.ManifestLoaderTest.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.devenv.core.Check;
import io.devenv.core.DevenvException;
import io.devenv.core.ExitCode;
import io.devenv.core.Progress;
import io.devenv.profile.Profile;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@EnableKubernetesMockClient(crud = true, https = false)
class KubernetesDeployerTest {

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
  @DisplayName("the sample platform deploys: its namespace, the AWS wiring, the ConfigMap seed, every object, and waits until ready")
  void deploysSamplePlatform() {
    // Given the whole sample platform and an emulator on the shared network
    Profile profile = TestProfiles.sample("default.yaml");

    // When it is deployed
    DeployReport report = new KubernetesDeployer(client, Progress.SILENT).deploy(profile, TestProfiles.AWS);

    // Then every object is created and labelled, and every Deployment was waited for
    assertThat(report.count(ApplyOutcome.CREATED)).as("all created on an empty cluster").isEqualTo(report.applied().size());
    assertThat(report.applied()).extracting(a -> a.ref().toString()).contains(
        "Namespace vod", "Service vod/aws", "EndpointSlice vod/aws", "ConfigMap vod/devenv-aws", "ConfigMap vod/catalog-config",
        "Deployment vod/catalog-api", "Service vod/user-preferences", "CronJob vod/thumbnail-sweeper", "Service vod/time-api");
    assertThat(report.checks()).extracting(Check::name).containsExactlyInAnyOrder(
        "Deployment vod/thumbnailer", "Deployment vod/events-collector", "Deployment vod/user-preferences",
        "Deployment vod/catalog-api", "Deployment vod/time-api");
    assertThat(report.checks()).allMatch(Check::ok);
    var deployment = client.apps().deployments().inNamespace("vod").withName("catalog-api").get();
    assertThat(deployment.getMetadata().getLabels()).as("devenv's labels are added to the manifest's")
        .containsEntry("app.kubernetes.io/managed-by", "devenv").containsEntry("devenv.io/profile", "vod-platform")
        .containsEntry("app.kubernetes.io/name", "catalog-api").containsEntry("stage", "dev");
    assertThat(report.serverSideApply()).as("the mock does not support server-side apply").isFalse();
  }

  @Test
  @DisplayName("the ConfigMap seed has one key per file of its directory")
  void seedsConfigMaps() {
    // Given the catalog-api profile, whose seed makes catalog-config from fixtures/catalog-api/config
    Profile profile = TestProfiles.sample("catalog-api.yaml");

    // When deployed
    new KubernetesDeployer(client, Progress.SILENT).deploy(profile, TestProfiles.AWS);

    // Then the ConfigMap has one key per file, with the file's content
    var configMap = client.configMaps().inNamespace("vod").withName("catalog-config").get();
    Path dir = Fixtures.root().resolve("fixtures/catalog-api/config");
    assertThat(configMap.getData().keySet()).as("one key per file")
        .isEqualTo(fileNames(dir).stream().collect(Collectors.toSet()));
  }

  @Test
  @DisplayName("deploying twice changes nothing the second time: all unchanged, no resourceVersion moves")
  void secondDeployChangesNothing() {
    // Given the sample platform, deployed once
    Profile profile = TestProfiles.sample("default.yaml");
    KubernetesDeployer deployer = new KubernetesDeployer(client, Progress.SILENT);
    DeployReport first = deployer.deploy(profile, TestProfiles.AWS);
    Map<String, String> versions = resourceVersions(first);

    // When deployed again
    DeployReport second = deployer.deploy(profile, TestProfiles.AWS);

    // Then nothing was created, configured or pruned, and no object changed
    assertThat(second.summary()).isEqualTo("0 created, 0 configured, " + first.applied().size() + " unchanged, 0 pruned");
    assertThat(resourceVersions(second)).as("resourceVersions after the second deploy").isEqualTo(versions);
  }

  @Test
  @DisplayName("a changed manifest configures its object, and only it")
  void changedManifestConfigures(@TempDir Path dir) throws IOException {
    // Given a deployed ConfigMap
    write(dir, "app.yaml", configMap("settings", "colour: blue"));
    Profile profile = TestProfiles.write(dir, "name: shop\nkubernetes: {namespace: shop, manifests: [app.yaml]}\n");
    KubernetesDeployer deployer = new KubernetesDeployer(client, Progress.SILENT);
    deployer.deploy(profile, null);

    // When its manifest changes and it is deployed again
    write(dir, "app.yaml", configMap("settings", "colour: green"));
    DeployReport report = deployer.deploy(profile, null);

    // Then it is configured, and holds the new value
    assertThat(report.applied()).filteredOn(a -> a.ref().name().equals("settings"))
        .extracting(DeployReport.Applied::outcome).containsExactly(ApplyOutcome.CONFIGURED);
    assertThat(client.configMaps().inNamespace("shop").withName("settings").get().getData()).containsEntry("colour", "green");
  }

  @Test
  @DisplayName("objects of a removed manifest are pruned, even of a kind no manifest holds any more")
  void prunesRemovedObjects(@TempDir Path dir) throws IOException {
    // Given a profile of two files, the second with a CronJob and a ConfigMap, deployed
    write(dir, "keep.yaml", configMap("kept", "a: b"));
    write(dir, "drop.yaml", configMap("dropped", "a: b") + "---\n" + cronJob("nightly"));
    String head = "name: shop\nkubernetes:\n  namespace: shop\n  manifests: ";
    KubernetesDeployer deployer = new KubernetesDeployer(client, Progress.SILENT);
    deployer.deploy(TestProfiles.write(dir, head + "[keep.yaml, drop.yaml]\n"), null);
    assertThat(client.batch().v1().cronjobs().inNamespace("shop").withName("nightly").get()).isNotNull();

    // When the second file is dropped from the profile and it is deployed again
    DeployReport report = deployer.deploy(TestProfiles.write(dir, head + "[keep.yaml]\n"), null);

    // Then the CronJob and the ConfigMap are deleted, the kept one stays, and the inventory says so
    assertThat(report.pruned()).extracting(ObjectRef::toString).containsExactlyInAnyOrder("CronJob shop/nightly", "ConfigMap shop/dropped");
    assertThat(client.batch().v1().cronjobs().inNamespace("shop").withName("nightly").get()).isNull();
    assertThat(client.configMaps().inNamespace("shop").withName("dropped").get()).isNull();
    assertThat(client.configMaps().inNamespace("shop").withName("kept").get()).isNotNull();
    assertThat(client.configMaps().inNamespace("shop").withName("devenv-inventory-shop").get().getData().get("objects"))
        .isEqualTo("v1 ConfigMap shop kept\n");
  }

  @Test
  @DisplayName("pruning never touches objects devenv did not apply for this profile")
  void prunesOnlyItsOwn(@TempDir Path dir) throws IOException {
    // Given a deployed profile, a ConfigMap made by hand, and one of another profile, in its namespace
    write(dir, "app.yaml", configMap("settings", "a: b"));
    Profile profile = TestProfiles.write(dir, "name: shop\nkubernetes: {namespace: shop, manifests: [app.yaml]}\n");
    KubernetesDeployer deployer = new KubernetesDeployer(client, Progress.SILENT);
    deployer.deploy(profile, null);
    client.configMaps().inNamespace("shop").resource(new ConfigMapBuilder().withNewMetadata().withName("by-hand").endMetadata().build()).create();
    client.configMaps().inNamespace("shop").resource(new ConfigMapBuilder().withNewMetadata().withName("other-profile")
        .addToLabels(Applier.MANAGED_BY, "devenv").addToLabels(Applier.PROFILE_LABEL, "other").endMetadata().build()).create();

    // When the profile is deployed again
    DeployReport report = deployer.deploy(profile, null);

    // Then neither is pruned
    assertThat(report.pruned()).isEmpty();
    assertThat(client.configMaps().inNamespace("shop").list().getItems()).extracting(c -> c.getMetadata().getName())
        .contains("by-hand", "other-profile");
  }

  @Test
  @DisplayName("the large fixture applies: 63 objects, the CRD Established before its Widgets are applied")
  void appliesLargeFixture(@TempDir Path dir) throws Exception {
    // Given a profile of the large multi-document file
    Profile profile = TestProfiles.write(dir, "name: large\nkubernetes:\n  namespace: vod\n  manifests: ["
        + Fixtures.root().resolve("fixtures/large/.cloud/k8s") + "]\n");

    // When it is deployed
    DeployReport report = new KubernetesDeployer(client, Progress.SILENT).deploy(profile, null);

    // Then every object is there, the Widgets as custom resources, and the CRD was ready before them
    assertThat(report.applied()).filteredOn(a -> !a.ref().kind().equals("Namespace")).hasSize(63);
    assertThat(client.genericKubernetesResources("example.devenv.io/v1", "Widget").inNamespace("vod").list().getItems())
        .extracting(w -> w.getMetadata().getName()).containsExactlyInAnyOrder("widget-small", "widget-large");
    assertThat(report.checks().get(0).name()).as("the first check").isEqualTo("CustomResourceDefinition widgets.example.devenv.io");
    assertThat(report.checks()).extracting(Check::name).contains("StatefulSet vod/bulk-cache", "DaemonSet vod/bulk-node-agent", "Job vod/bulk-migrate");
    List<String> writes = requests().stream().filter(r -> !r.getMethod().equals("GET")).map(r -> r.getMethod() + " " + r.getPath()).toList();
    int established = indexOf(writes, "PUT /apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.example.devenv.io/status");
    int firstWidget = indexOf(writes, "POST /apis/example.devenv.io/v1/namespaces/vod/widgets");
    assertThat(established).as("the CRD's status was set Established").isNotNegative();
    assertThat(established).as("the CRD is Established before the first Widget is created").isLessThan(firstWidget);
  }

  @Test
  @DisplayName("the mock's lack of server-side apply is found once, then create and merge patch are used")
  void detectsMissingServerSideApplyOnce(@TempDir Path dir) throws Exception {
    // Given a profile of three objects
    write(dir, "app.yaml", configMap("a", "x: y") + "---\n" + configMap("b", "x: y") + "---\n" + configMap("c", "x: y"));
    Profile profile = TestProfiles.write(dir, "name: shop\nkubernetes: {namespace: shop, manifests: [app.yaml]}\n");

    // When deployed
    new KubernetesDeployer(client, Progress.SILENT).deploy(profile, null);

    // Then a single server-side apply was tried, and every object was created by POST
    List<RecordedRequest> requests = requests();
    assertThat(requests).filteredOn(r -> "application/apply-patch+yaml".equals(r.getHeader("Content-Type")))
        .as("server-side apply attempts").hasSize(1);
    assertThat(requests).filteredOn(r -> r.getMethod().equals("POST") && r.getPath().endsWith("/configmaps"))
        .as("creates of ConfigMaps: a, b, c, the inventory, the applied-set stamp").hasSize(5);
  }

  @Test
  @DisplayName("a kind neither the cluster nor the manifests' CRDs know is an error naming the file and document")
  void unknownKind(@TempDir Path dir) throws IOException {
    // Given a custom resource whose CRD is nowhere
    write(dir, "app.yaml", configMap("a", "x: y") + "---\napiVersion: example.devenv.io/v1\nkind: Gizmo\nmetadata: {name: g}\n");
    Profile profile = TestProfiles.write(dir, "name: shop\nkubernetes: {namespace: shop, manifests: [app.yaml]}\n");

    // When deployed
    DevenvException e = catchThrowableOfType(DevenvException.class, () -> new KubernetesDeployer(client, Progress.SILENT).deploy(profile, null));

    // Then it fails before applying anything, naming where the object is
    assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
    assertThat(e.getMessage()).isEqualTo(dir.resolve("app.yaml") + ", document 2 (line 7): the cluster does not know kind Gizmo of"
        + " example.devenv.io/v1, and no CustomResourceDefinition in the manifests defines it");
    assertThat(client.configMaps().inNamespace("shop").withName("a").get()).as("nothing applied").isNull();
  }

  @Test
  @DisplayName("a ConfigMap both in a manifest and in seed.configMaps is an error naming both")
  void seedClashesWithManifest(@TempDir Path dir) throws IOException {
    // Given a manifest and a seed that both make ConfigMap shop/settings
    write(dir, "app.yaml", configMap("settings", "a: b"));
    java.nio.file.Files.createDirectories(dir.resolve("config"));
    write(dir.resolve("config"), "a", "b");
    Profile profile = TestProfiles.write(dir, "name: shop\nkubernetes: {namespace: shop, manifests: [app.yaml]}\n"
        + "seed: {configMaps: [{name: settings, from: config}]}\n");

    // When deployed
    DevenvException e = catchThrowableOfType(DevenvException.class, () -> new KubernetesDeployer(client, Progress.SILENT).deploy(profile, null));

    // Then
    assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
    assertThat(e.getMessage()).isEqualTo(dir.resolve("app.yaml") + ", document 1 (line 1): ConfigMap shop/settings is also made by"
        + " seed.configMaps settings; keep one of them");
  }

  @Test
  @DisplayName("a profile with Kubernetes disabled deploys nothing")
  void disabled(@TempDir Path dir) {
    Profile profile = TestProfiles.write(dir, "name: aws-only\nkubernetes: {enabled: false}\n");

    DeployReport report = new KubernetesDeployer(client, Progress.SILENT).deploy(profile, TestProfiles.AWS);

    assertThat(report.applied()).isEmpty();
    assertThat(client.namespaces().list().getItems()).isEmpty();
  }

  static String configMap(String name, String data) {
    return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\ndata: {" + data + "}\n";
  }

  static String cronJob(String name) {
    return "apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: " + name + "}\nspec:\n  schedule: '0 3 * * *'\n"
        + "  jobTemplate: {spec: {template: {spec: {restartPolicy: Never, containers: [{name: c, image: busybox:1.37.0}]}}}}\n";
  }

  private Map<String, String> resourceVersions(DeployReport report) {
    return report.applied().stream().collect(Collectors.toMap(a -> a.ref().toString(), a -> {
      var r = a.ref();
      var op = client.genericKubernetesResources(r.apiVersion(), r.kind());
      GenericKubernetesResource live = r.namespace() == null ? op.withName(r.name()).get() : op.inNamespace(r.namespace()).withName(r.name()).get();
      return live.getMetadata().getResourceVersion();
    }));
  }

  /** Every request the server received so far, in order. */
  private List<RecordedRequest> requests() throws InterruptedException {
    List<RecordedRequest> requests = new java.util.ArrayList<>();
    int count = server.getRequestCount();
    for (int i = 0; i < count; i++) {
      RecordedRequest r = server.takeRequest(1, TimeUnit.SECONDS);
      if (r == null) {
        break;
      }
      requests.add(r);
    }
    return requests;
  }

  private static int indexOf(List<String> lines, String line) {
    return lines.indexOf(line);
  }

  private static List<String> fileNames(Path dir) {
    try (var files = java.nio.file.Files.list(dir)) {
      return files.filter(java.nio.file.Files::isRegularFile).map(f -> f.getFileName().toString()).toList();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
