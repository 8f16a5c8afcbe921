package io.devenv.kubernetes;

import static io.devenv.kubernetes.KubernetesDeployerTest.configMap;
import static io.devenv.kubernetes.KubernetesDeployerTest.cronJob;
import static io.devenv.kubernetes.ManifestLoaderTest.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.devenv.core.Check;
import io.devenv.core.DevenvException;
import io.devenv.core.ExitCode;
import io.devenv.core.Progress;
import io.devenv.environment.AwsAccess;
import io.devenv.profile.Profile;
import io.devenv.testing.ControlPlane;
import io.devenv.testing.RealCluster;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deployer against a real kube-apiserver 1.37 with its controllers and a KWOK node: what the
 * fabric8 mock in {@link KubernetesDeployerTest} only imitates (server-side apply, field managers,
 * defaulting, controllers that make objects of their own). Each test deploys to a namespace of its own.
 */
@RealCluster
class RealDeployTest {

  @TempDir Path dir;
  private KubernetesClient client;
  private String ns;

  @BeforeEach
  void namespace(ControlPlane plane) {
    client = plane.client();
    ns = plane.uniqueNamespace("deploy");
  }

  @Test
  @DisplayName("objects are written by server-side apply, field manager devenv; a second deploy moves no resourceVersion")
  void serverSideApplyAndNoOp() throws IOException {
    // Given a ConfigMap and a CronJob
    write(dir, "app.yaml", configMap("settings", "colour: blue") + "---\n" + cronJob("nightly"));
    Profile profile = profile("app.yaml");
    KubernetesDeployer deployer = new KubernetesDeployer(client, Progress.SILENT);

    // When deployed twice
    DeployReport first = deployer.deploy(profile, null);
    Map<String, String> versions = resourceVersions(first);
    DeployReport second = deployer.deploy(profile, null);

    // Then the real server took server-side apply, and the second deploy changed nothing
    assertThat(first.serverSideApply()).isTrue();
    assertThat(first.count(ApplyOutcome.CREATED)).isEqualTo(first.applied().size());
    var settings = client.configMaps().inNamespace(ns).withName("settings").get();
    assertThat(settings.getMetadata().getManagedFields()).extracting(ManagedFieldsEntry::getManager, ManagedFieldsEntry::getOperation)
        .contains(org.assertj.core.groups.Tuple.tuple("devenv", "Apply"));
    assertThat(second.summary()).isEqualTo("0 created, 0 configured, " + first.applied().size() + " unchanged, 0 pruned");
    assertThat(resourceVersions(second)).isEqualTo(versions);
  }

  @Test
  @DisplayName("a field another manager changed is taken back (conflicts forced); fields devenv does not set stay the other's")
  void fieldOwnership() throws IOException {
    // Given a deployed ConfigMap, then edited by someone else's server-side apply: a field devenv owns and one it does not
    write(dir, "app.yaml", configMap("settings", "colour: blue"));
    Profile profile = profile("app.yaml");
    KubernetesDeployer deployer = new KubernetesDeployer(client, Progress.SILENT);
    deployer.deploy(profile, null);
    var edit = new ConfigMapBuilder().withNewMetadata().withName("settings").withNamespace(ns).endMetadata()
        .addToData("colour", "red").addToData("size", "xl").build();
    client.configMaps().resource(edit).fieldManager("someone-else").forceConflicts().serverSideApply();

    // When the manifest changes and devenv deploys again
    write(dir, "app.yaml", configMap("settings", "colour: green"));
    DeployReport report = deployer.deploy(profile, null);

    // Then devenv's value wins, devenv owns the field again, and the other's own field is left alone
    assertThat(report.applied()).filteredOn(a -> a.ref().name().equals("settings")).extracting(DeployReport.Applied::outcome)
        .containsExactly(ApplyOutcome.CONFIGURED);
    var live = client.configMaps().inNamespace(ns).withName("settings").get();
    assertThat(live.getData()).containsEntry("colour", "green").containsEntry("size", "xl");
    String owners = live.getMetadata().getManagedFields().stream()
        .map(m -> m.getManager() + ":" + m.getFieldsV1().getAdditionalProperties()).collect(Collectors.joining(" "));
    assertThat(owners).containsPattern("devenv:.*f:colour").containsPattern("someone-else:.*f:size");
  }

  @Test
  @DisplayName("the large fixture applies on a real server: CRD Established first, Widgets, and every workload kind becomes ready")
  void largeFixture() {
    // Given the 63-object file, with a CRD, its Widgets, Deployments, a StatefulSet, a DaemonSet and a Job
    Profile profile = TestProfiles.write(dir, "name: " + ns + "\nkubernetes:\n  namespace: " + ns + "\n  manifests: ["
        + Fixtures.root().resolve("fixtures/large/.cloud/k8s") + "]\n");

    // When deployed
    DeployReport report = new KubernetesDeployer(client, Progress.SILENT).deploy(profile, null);

    // Then every object is there, the CRD was waited for first, and every workload was ready
    assertThat(report.applied()).filteredOn(a -> !a.ref().kind().equals("Namespace")).hasSize(63);
    assertThat(client.genericKubernetesResources("example.devenv.io/v1", "Widget").inNamespace(ns).list().getItems())
        .extracting(w -> w.getMetadata().getName()).containsExactlyInAnyOrder("widget-small", "widget-large");
    assertThat(report.checks().get(0).name()).isEqualTo("CustomResourceDefinition widgets.example.devenv.io");
    assertThat(report.checks()).extracting(Check::name)
        .contains("StatefulSet " + ns + "/bulk-cache", "DaemonSet " + ns + "/bulk-node-agent", "Job " + ns + "/bulk-migrate");
    assertThat(report.checks()).allMatch(Check::ok);
  }

  @Test
  @DisplayName("placeholders are filled before the real server sees the object: a number stays a number")
  void placeholders() throws IOException {
    // Given a Deployment whose replicas and a label come from the profile's variables and devenv's values
    write(dir, "app.yaml", """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, labels: {ns: "${devenv.namespace}"}}
        spec:
          replicas: ${REPLICAS}
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec: {containers: [{name: web, image: "web:${TAG:-dev}"}]}
        """);
    Profile profile = TestProfiles.write(dir, "name: " + ns + "\nvariables: {REPLICAS: '2'}\nkubernetes:\n  namespace: " + ns
        + "\n  manifests: [app.yaml]\n");

    // When deployed
    DeployReport report = new KubernetesDeployer(client, Progress.SILENT).deploy(profile, null);

    // Then the server accepted it and both replicas became ready
    var web = client.apps().deployments().inNamespace(ns).withName("web").get();
    assertThat(web.getSpec().getReplicas()).isEqualTo(2);
    assertThat(web.getStatus().getReadyReplicas()).isEqualTo(2);
    assertThat(web.getMetadata().getLabels()).containsEntry("ns", ns);
    assertThat(web.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo("web:dev");
    assertThat(report.checks()).extracting(Check::name).containsExactly("Deployment " + ns + "/web");
  }

  @Test
  @DisplayName("a removed manifest is pruned; objects made by hand, by another profile or by a controller are not")
  void prunesOnlyWhatDevenvApplied() throws IOException {
    // Given two files deployed, a ConfigMap made by hand and one of another profile in the namespace
    write(dir, "keep.yaml", configMap("kept", "a: b") + "---\n" + service("web"));
    write(dir, "drop.yaml", configMap("dropped", "a: b") + "---\n" + cronJob("nightly"));
    KubernetesDeployer deployer = new KubernetesDeployer(client, Progress.SILENT);
    deployer.deploy(profile("keep.yaml", "drop.yaml"), null);
    client.configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata().withName("by-hand").endMetadata().build()).create();
    client.configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata().withName("other-profile")
        .addToLabels(Applier.MANAGED_BY, "devenv").addToLabels(Applier.PROFILE_LABEL, "other").endMetadata().build()).create();

    // When the second file is dropped
    DeployReport report = deployer.deploy(profile("keep.yaml"), null);

    // Then exactly its objects are gone
    assertThat(report.pruned()).extracting(ObjectRef::toString)
        .containsExactlyInAnyOrder("CronJob " + ns + "/nightly", "ConfigMap " + ns + "/dropped");
    assertThat(client.configMaps().inNamespace(ns).list().getItems()).extracting(c -> c.getMetadata().getName())
        .contains("kept", "by-hand", "other-profile").doesNotContain("dropped");
    assertThat(client.endpoints().inNamespace(ns).withName("web").get()).as("the endpoints controller's copy of Service web").isNotNull();
  }

  @Test
  @DisplayName("Endpoints the endpoints controller made carry the Service's labels but are not devenv's: never pruned, a second up is a no-op")
  void controllerEndpointsNotPruned() throws IOException {
    // Given a Service with a selector (the controller makes its Endpoints, labels copied) and Endpoints in a manifest
    write(dir, "app.yaml", service("web") + "---\n" + """
        apiVersion: v1
        kind: Endpoints
        metadata: {name: legacy-db}
        subsets: [{addresses: [{ip: 10.1.2.3}], ports: [{port: 5432}]}]
        """);
    KubernetesDeployer deployer = new KubernetesDeployer(client, Progress.SILENT);
    DeployReport first = deployer.deploy(profile("app.yaml"), null);
    awaitEndpoints("web");

    // When deployed again
    DeployReport second = deployer.deploy(profile("app.yaml"), null);

    // Then nothing is pruned or changed, and the controller's Endpoints are still there
    assertThat(second.pruned()).isEmpty();
    assertThat(second.summary()).isEqualTo("0 created, 0 configured, " + first.applied().size() + " unchanged, 0 pruned");
    assertThat(client.endpoints().inNamespace(ns).withName("web").get()).isNotNull();
  }

  @Test
  @DisplayName("the aws Service, its EndpointSlice and devenv-aws pass the real server's validation and stay as written")
  void awsWiring() {
    // Given an emulator the pods reach at 10.0.9.9:4566
    Profile profile = TestProfiles.write(dir, "name: " + ns + "\nkubernetes: {namespace: " + ns + "}\n");
    AwsAccess aws = new AwsAccess(URI.create("http://127.0.0.1:4566"), "eu-west-3", "test", "test", "10.0.9.9", 4566);
    KubernetesDeployer deployer = new KubernetesDeployer(client, Progress.SILENT);

    // When deployed twice
    deployer.deploy(profile, aws);
    DeployReport second = deployer.deploy(profile, aws);

    // Then the Service got a cluster IP, the slice holds the address (the EndpointSlice controller left it), the ConfigMap the URL
    var service = client.services().inNamespace(ns).withName("aws").get();
    assertThat(service.getSpec().getClusterIP()).startsWith("10.96.");
    var slice = client.discovery().v1().endpointSlices().inNamespace(ns).withName("aws").get();
    assertThat(slice.getEndpoints()).singleElement().satisfies(e -> assertThat(e.getAddresses()).containsExactly("10.0.9.9"));
    assertThat(slice.getMetadata().getLabels()).containsEntry("endpointslice.kubernetes.io/managed-by", "devenv");
    assertThat(client.configMaps().inNamespace(ns).withName("devenv-aws").get().getData())
        .containsEntry("AWS_ENDPOINT_URL", "http://aws." + ns + ":4566").containsEntry("AWS_REGION", "eu-west-3");
    assertThat(second.count(ApplyOutcome.UNCHANGED)).isEqualTo(second.applied().size());
  }

  @Test
  @DisplayName("a kind the real server does not know is an error naming the file and document, before anything is applied")
  void unknownKind() throws IOException {
    write(dir, "app.yaml", configMap("a", "x: y") + "---\napiVersion: example.devenv.io/v1\nkind: Gizmo\nmetadata: {name: g}\n");

    DevenvException e = catchThrowableOfType(DevenvException.class,
        () -> new KubernetesDeployer(client, Progress.SILENT).deploy(profile("app.yaml"), null));

    assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
    assertThat(e.getMessage()).startsWith(dir.resolve("app.yaml") + ", document 2 (line 7): the cluster does not know kind Gizmo");
    assertThat(client.configMaps().inNamespace(ns).withName("a").get()).isNull();
  }

  @Test
  @DisplayName("a changed Job is deleted and created again (a Job runs once); another immutable field gets a short message naming it")
  void immutableFields() throws IOException {
    // Given a deployed Job and Deployment
    write(dir, "app.yaml", RealReadinessTest.job("migrate", "") + "---\n" + RealReadinessTest.deployment("web", ""));
    RecordingProgress progress = new RecordingProgress();
    KubernetesDeployer deployer = new KubernetesDeployer(client, progress);
    deployer.deploy(profile("app.yaml"), null);
    String firstRun = client.batch().v1().jobs().inNamespace(ns).withName("migrate").get().getMetadata().getUid();

    // When the Job's image changes: it is run again
    write(dir, "app.yaml", RealReadinessTest.job("migrate", "").replace("image: migrate:dev", "image: migrate:v2") + "---\n"
        + RealReadinessTest.deployment("web", ""));
    DeployReport report = deployer.deploy(profile("app.yaml"), null);
    var job = client.batch().v1().jobs().inNamespace(ns).withName("migrate").get();
    assertThat(job.getMetadata().getUid()).as("a new Job").isNotEqualTo(firstRun);
    assertThat(job.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo("migrate:v2");
    assertThat(report.checks()).filteredOn(c -> c.name().equals("Job " + ns + "/migrate")).allMatch(Check::ok);
    assertThat(progress.lines).anyMatch(l -> l.contains("Job " + ns + "/migrate changed: spec.template cannot change on a Job, so it is deleted and created again"));

    // And when the Deployment's selector changes: one short line naming the field and the way out
    write(dir, "app.yaml", RealReadinessTest.deployment("web", "").replace("matchLabels: {app: web}", "matchLabels: {app: web, tier: front}")
        .replace("labels: {app: web}", "labels: {app: web, tier: front}"));
    DevenvException e = catchThrowableOfType(DevenvException.class, () -> deployer.deploy(profile("app.yaml"), null));
    assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
    assertThat(e.getMessage()).isEqualTo("cannot apply Deployment " + ns + "/web (" + dir.resolve("app.yaml") + ", document 1 (line 1)):"
        + " spec.selector cannot be changed on a live Deployment; delete it (kubectl delete deployment web --namespace " + ns
        + ") and run up again");
  }

  @Test
  @DisplayName("replicas: \"2\" is bad input found before anything is applied, naming file, document and field")
  void typeErrorBeforeApply() throws IOException {
    write(dir, "app.yaml", configMap("first", "a: b") + "---\n" + RealReadinessTest.deployment("web", "").replace("replicas: 1", "replicas: \"2\""));

    DevenvException e = catchThrowableOfType(DevenvException.class,
        () -> new KubernetesDeployer(client, Progress.SILENT).deploy(profile("app.yaml"), null));

    assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
    assertThat(e.getMessage()).isEqualTo(dir.resolve("app.yaml") + ", document 2 (line 7): Deployment " + ns + "/web: spec.replicas: a number is wanted,"
        + " not the string \"2\"");
    assertThat(client.configMaps().inNamespace(ns).withName("first").get()).as("nothing applied").isNull();
  }

  @Test
  @DisplayName("a type error the server finds (500 to a typed apply patch) is bad input at once: no retries, the field named")
  void typeErrorFromTheServer() {
    // Given an object whose replicas is a string, applied past devenv's own check
    GenericKubernetesResource web = client.getKubernetesSerialization().unmarshal(
        RealReadinessTest.deployment("web", "").replace("replicas: 1", "replicas: \"2\""), GenericKubernetesResource.class);
    web.getMetadata().setNamespace("default");
    Applier applier = new Applier(client, Progress.SILENT);

    // When applied
    long start = System.nanoTime();
    DevenvException e = catchThrowableOfType(DevenvException.class, () -> applier.apply(web, "app.yaml, document 2 (line 7)", "shop"));

    // Then it is bad input, the field is named, and it was not retried (fabric8 retries a 500 ten times over 26 s)
    assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
    assertThat(e.getMessage()).startsWith("cannot apply Deployment default/web (app.yaml, document 2 (line 7)): spec.replicas: expected numeric")
        .endsWith("; fix the manifest").hasSizeLessThan(300);
    assertThat(java.time.Duration.ofNanos(System.nanoTime() - start)).as("not retried").isLessThan(java.time.Duration.ofSeconds(10));
  }

  @Test
  @DisplayName("a manifest listed under verbatim keeps its shell ${VAR}; elsewhere it is an unknown placeholder")
  void verbatimManifests() throws IOException {
    write(dir, "script.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: script}\n"
        + "data:\n  run.sh: |\n    echo \"${HOME}/cache and ${1:-none}\"\n");
    DevenvException unknown = catchThrowableOfType(DevenvException.class,
        () -> new KubernetesDeployer(client, Progress.SILENT).deploy(profile("script.yaml"), null));
    assertThat(unknown.getMessage()).contains("unknown placeholder ${HOME}");

    Profile profile = TestProfiles.write(dir, "name: " + ns + "\nkubernetes:\n  namespace: " + ns + "\n  manifests: [script.yaml]\n"
        + "  verbatim: [script.yaml]\n");
    new KubernetesDeployer(client, Progress.SILENT).deploy(profile, null);

    assertThat(client.configMaps().inNamespace(ns).withName("script").get().getData().get("run.sh"))
        .isEqualTo("echo \"${HOME}/cache and ${1:-none}\"\n");
  }

  private Profile profile(String... manifests) {
    return TestProfiles.write(dir, "name: " + ns + "\nkubernetes:\n  namespace: " + ns + "\n  manifests: [" + String.join(", ", manifests) + "]\n");
  }

  static String service(String name) {
    return "apiVersion: v1\nkind: Service\nmetadata: {name: " + name + "}\nspec:\n  selector: {app: " + name + "}\n"
        + "  ports: [{port: 80, targetPort: 8080}]\n";
  }

  private void awaitEndpoints(String name) {
    long deadline = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
    while (client.endpoints().inNamespace(ns).withName(name).get() == null && System.nanoTime() < deadline) {
      Thread.onSpinWait();
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    assertThat(client.endpoints().inNamespace(ns).withName(name).get()).as("Endpoints made by the controller").isNotNull();
  }

  private Map<String, String> resourceVersions(DeployReport report) {
    return report.applied().stream().collect(Collectors.toMap(a -> a.ref().toString(), a -> {
      var r = a.ref();
      var op = client.genericKubernetesResources(r.apiVersion(), r.kind());
      GenericKubernetesResource live = r.namespace() == null ? op.withName(r.name()).get() : op.inNamespace(r.namespace()).withName(r.name()).get();
      return live.getMetadata().getResourceVersion();
    }));
  }
}
