package io.devenv.kubernetes;

import static io.devenv.kubernetes.ManifestLoaderTest.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.devenv.core.Check;
import io.devenv.core.ExitCode;
import io.devenv.core.Progress;
import io.devenv.profile.Profile;
import io.devenv.testing.ControlPlane;
import io.devenv.testing.RealCluster;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Readiness and the failure report against a real control plane: the controllers make the pods,
 * the scheduler places them (or says why not), KWOK plays the kubelet, failures included
 * (the label {@code devenv.test/kwok}), and the events are the components' own.
 */
@RealCluster
class RealReadinessTest {

  /** Long enough that a test that ends by failing fast did not time out. */
  private static final String LONG_WAIT = "120s";
  /** An event line of the report: one time format, to the second. */
  private static final String EVENT_LINE = "    \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ  .*";

  @TempDir Path dir;
  private KubernetesClient client;
  private String ns;

  @BeforeEach
  void namespace(ControlPlane plane) {
    client = plane.client();
    ns = plane.uniqueNamespace("ready");
  }

  @Test
  @DisplayName("a Deployment, StatefulSet, DaemonSet and Job become ready on the simulated node: one passed check each")
  void everyKindReady() throws IOException {
    write(dir, "app.yaml", String.join("---\n", deployment("web", ""), statefulSet("db"), daemonSet("agent"), job("migrate", "")));

    DeployReport report = new KubernetesDeployer(client, Progress.SILENT).deploy(profile(LONG_WAIT), null);

    assertThat(report.checks()).extracting(Check::name).containsExactly(
        "Deployment " + ns + "/web", "StatefulSet " + ns + "/db", "DaemonSet " + ns + "/agent", "Job " + ns + "/migrate");
    assertThat(report.checks()).allMatch(Check::ok);
    assertThat(client.batch().v1().jobs().inNamespace(ns).withName("migrate").get().getStatus().getSucceeded()).isEqualTo(1);
  }

  @Test
  @DisplayName("a crash-looping container fails at once: reason, restarts, last exit, its previous logs, kubectl commands")
  void crashLoop() throws IOException {
    write(dir, "app.yaml", deployment("api", "crash-loop"));

    ReadinessException e = catchThrowableOfType(ReadinessException.class,
        () -> new KubernetesDeployer(client, Progress.SILENT).deploy(profile(LONG_WAIT), null));

    assertThat(e.exitCode()).isEqualTo(ExitCode.FAILURE);
    assertThat(e.getMessage()).matches("Deployment " + ns + "/api failed: CrashLoopBackOff in container api of pod api-[a-z0-9]+-[a-z0-9]+");
    assertThat(e.report()).contains("  restarted 4 times; last exit code 1 (Error)", "back-off 1m20s restarting failed container=api",
        "(previous run):", "    | fatal: cannot reach http://aws:4566", "--namespace " + ns + " logs api-", "--container api --previous");
    assertThat(e.checks()).singleElement().satisfies(c -> assertThat(c.duration()).isLessThan(Duration.ofSeconds(60)));
  }

  @Test
  @DisplayName("a Job whose pod fails fails at once with the Job controller's reason and event, and its pod's logs")
  void failedJob() throws IOException {
    write(dir, "app.yaml", job("migrate", "fail"));

    ReadinessException e = catchThrowableOfType(ReadinessException.class,
        () -> new KubernetesDeployer(client, Progress.SILENT).deploy(profile(LONG_WAIT), null));

    assertThat(e.getMessage()).isEqualTo("Job " + ns + "/migrate failed: Job failed: BackoffLimitExceeded: Job has reached the specified backoff limit");
    assertThat(e.report().lines()).anyMatch(l -> l.matches(EVENT_LINE + "BackoffLimitExceeded  Job/migrate: Job has reached the specified backoff limit"));
    assertThat(e.report()).contains("    | listening on :8080", "--namespace " + ns + " describe job migrate");
  }

  @Test
  @DisplayName("an unschedulable pod: at waitTimeout the report gives the scheduler's reason and its event, in one time format")
  void unschedulable() throws IOException {
    write(dir, "app.yaml", deployment("api", "").replace("    spec:\n", "    spec:\n      nodeSelector: {disk: ssd}\n"));
    // And a Warning about another kind that shares the name (an HPA's), which is not the Deployment's
    client.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
    client.v1().events().inNamespace(ns).resource(new EventBuilder().withNewMetadata().withName("api.hpa").endMetadata()
        .withType("Warning").withReason("FailedGetResourceMetric").withMessage("missing request for cpu")
        .withLastTimestamp(Instant.now().toString())
        .withNewInvolvedObject().withKind("HorizontalPodAutoscaler").withName("api").withNamespace(ns).endInvolvedObject()
        .build()).create();

    ReadinessException e = catchThrowableOfType(ReadinessException.class,
        () -> new KubernetesDeployer(client, Progress.SILENT).deploy(profile("6s"), null));

    assertThat(e.getMessage()).isEqualTo("Deployment " + ns + "/api not ready after 6.0s: 0 of 1 updated replicas available");
    assertThat(e.report()).containsPattern("pod api-[a-z0-9-]+: Pending: Unschedulable: 0/1 nodes are available: 1 node\\(s\\) didn't match Pod's node affinity/selector");
    assertThat(e.report().lines().filter(l -> l.contains("FailedScheduling"))).isNotEmpty().allMatch(l -> l.matches(EVENT_LINE));
    assertThat(e.report()).doesNotContain("FailedGetResourceMetric", "HorizontalPodAutoscaler");
  }

  private Profile profile(String waitTimeout) {
    return TestProfiles.write(dir, "name: " + ns + "\nkubernetes:\n  namespace: " + ns + "\n  manifests: [app.yaml]\n  waitTimeout: " + waitTimeout + "\n");
  }

  /** A pod template; {@code kwok} names a failure stage of the test control plane, or is empty. */
  static String template(String app, String kwok) {
    return "  template:\n    metadata: {labels: {app: " + app + (kwok.isEmpty() ? "" : ", devenv.test/kwok: " + kwok) + "}}\n"
        + "    spec:\n      containers: [{name: " + app + ", image: " + app + ":dev}]\n";
  }

  static String deployment(String name, String kwok) {
    return "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: " + name + "}\nspec:\n  replicas: 1\n"
        + "  selector: {matchLabels: {app: " + name + "}}\n" + template(name, kwok);
  }

  static String statefulSet(String name) {
    return "apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: " + name + "}\nspec:\n  serviceName: " + name + "\n  replicas: 1\n"
        + "  selector: {matchLabels: {app: " + name + "}}\n" + template(name, "")
        + "  volumeClaimTemplates: [{metadata: {name: data}, spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}}]\n";
  }

  static String daemonSet(String name) {
    return "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: " + name + "}\nspec:\n"
        + "  selector: {matchLabels: {app: " + name + "}}\n" + template(name, "");
  }

  static String job(String name, String kwok) {
    return "apiVersion: batch/v1\nkind: Job\nmetadata: {name: " + name + "}\nspec:\n  backoffLimit: 0\n"
        + template(name, kwok).replace("    spec:\n", "    spec:\n      restartPolicy: Never\n");
  }
}
