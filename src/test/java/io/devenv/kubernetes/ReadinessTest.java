package io.devenv.kubernetes;

import static io.devenv.kubernetes.FakeControllers.Behaviour.CRASH_LOOP;
import static io.devenv.kubernetes.FakeControllers.Behaviour.CREATE_CONTAINER_CONFIG_ERROR;
import static io.devenv.kubernetes.FakeControllers.Behaviour.ERR_IMAGE_PULL;
import static io.devenv.kubernetes.FakeControllers.Behaviour.IMAGE_PULL_BACK_OFF;
import static io.devenv.kubernetes.FakeControllers.Behaviour.JOB_FAILED;
import static io.devenv.kubernetes.FakeControllers.Behaviour.NEVER_READY;
import static io.devenv.kubernetes.FakeControllers.Behaviour.PROGRESS_DEADLINE_EXCEEDED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.devenv.core.Check;
import io.devenv.core.ExitCode;
import io.devenv.core.Progress;
import io.devenv.profile.Profile;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Waiting for workloads, against the mock API server with {@link FakeControllers} playing the
 * controllers: the ready path, the slow one, each failure devenv does not wait out, and a
 * timeout; failure reports are compared line by line.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class ReadinessTest {

  static {
    MockServerLogs.quiet();
  }

  /** Long enough that a test which waits it out instead of failing fast is plainly broken. */
  private static final String LONG_WAIT = "10m";
  private static final String POD = FakeControllers.podName("api");

  KubernetesMockServer server;
  KubernetesClient client;
  private FakeControllers controllers;
  @TempDir Path dir;

  @BeforeEach
  void startControllers() {
    controllers = new FakeControllers(server, client).start();
  }

  @AfterEach
  void stopControllers() {
    controllers.close();
  }

  @Test
  @DisplayName("a Deployment, StatefulSet, DaemonSet and Job that get ready give one passed check each")
  void allReady() throws IOException {
    // Given one workload of each kind
    Profile profile = profile(LONG_WAIT, deployment("api") + "---\n" + statefulSet("cache") + "---\n" + daemonSet("agent") + "---\n" + job("migrate"));

    // When deployed
    DeployReport report = deployer().deploy(profile, null);

    // Then each one was waited for and passed, in the order of the manifests
    assertThat(report.checks()).extracting(Check::name, Check::ok).containsExactly(
        org.assertj.core.groups.Tuple.tuple("Deployment shop/api", true),
        org.assertj.core.groups.Tuple.tuple("StatefulSet shop/cache", true),
        org.assertj.core.groups.Tuple.tuple("DaemonSet shop/agent", true),
        org.assertj.core.groups.Tuple.tuple("Job shop/migrate", true));
    assertThat(report.checks()).extracting(Check::group).containsOnly("kubernetes");
  }

  @Test
  @DisplayName("a slow rollout is waited for until it completes")
  void slowRollout() throws IOException {
    // Given a Deployment whose rollout takes 1.5 seconds
    controllers.readyAfter(Duration.ofMillis(1500));
    Profile profile = profile(LONG_WAIT, deployment("api"));

    // When deployed
    DeployReport report = deployer().deploy(profile, null);

    // Then devenv waited for it, and it passed
    Check check = report.checks().get(0);
    assertThat(check.ok()).isTrue();
    assertThat(check.duration()).as("it was not ready at once").isGreaterThan(Duration.ofMillis(500));
  }

  @Test
  @DisplayName("CrashLoopBackOff fails at once; the report has the reason, restarts, events, previous logs and kubectl commands")
  void crashLoopBackOff() throws IOException {
    // Given a Deployment whose container crashes, logging two lines
    controllers.behave("api", CRASH_LOOP).logs("api", List.of("starting api", "fatal: cannot reach http://aws.shop:4566"));
    Profile profile = profile(LONG_WAIT, deployment("api"));

    // When deployed
    ReadinessException e = deployFailing(profile);

    // Then the one-line message and the report say what an engineer would look up
    assertThat(e.getMessage()).isEqualTo("Deployment shop/api failed: CrashLoopBackOff in container api of pod " + POD);
    assertThat(e.exitCode()).isEqualTo(ExitCode.FAILURE);
    assertThat(e.report().lines()).containsExactly(
        "Deployment shop/api failed: CrashLoopBackOff in container api of pod " + POD,
        "  restarted 4 times; last exit code 1 (Error)",
        "  back-off 1m20s restarting failed container=api pod=" + POD,
        "  Warning events, newest first:",
        "    2025-03-01T10:00:30Z  BackOff  Pod/" + POD + ": Back-off restarting failed container api in pod " + POD + " (x12)",
        "  Last 2 log lines of container api of pod " + POD + " (previous run):",
        "    | starting api",
        "    | fatal: cannot reach http://aws.shop:4566",
        "  To dig further:",
        "    kubectl --kubeconfig .devenv/kubeconfig --namespace shop describe deployment api",
        "    kubectl --kubeconfig .devenv/kubeconfig --namespace shop describe pod " + POD,
        "    kubectl --kubeconfig .devenv/kubeconfig --namespace shop logs " + POD + " --container api --previous",
        "    kubectl --kubeconfig .devenv/kubeconfig --namespace shop get events --field-selector type=Warning --sort-by=.lastTimestamp");
    assertFailedFast(e);
  }

  @Test
  @DisplayName("only the last 50 log lines of a failing container are shown")
  void lastFiftyLines() throws IOException {
    // Given a crashing container that logged 80 lines (the mock ignores tailLines, so all come back)
    List<String> lines = java.util.stream.IntStream.rangeClosed(1, 80).mapToObj(i -> "line " + i).toList();
    controllers.behave("api", CRASH_LOOP).logs("api", lines);

    // When deployed
    ReadinessException e = deployFailing(profile(LONG_WAIT, deployment("api")));

    // Then lines 31 to 80 are in the report, and no earlier one
    assertThat(e.report()).contains("  Last 50 log lines of container api of pod " + POD + " (previous run):\n    | line 31\n")
        .contains("    | line 80\n").doesNotContain("| line 30\n");
  }

  @Test
  @DisplayName("ImagePullBackOff fails at once, with the pull events, a hint about local images, and no logs to show")
  void imagePullBackOff() throws IOException {
    // Given a Deployment whose image cannot be pulled
    controllers.behave("api", IMAGE_PULL_BACK_OFF);

    // When deployed
    ReadinessException e = deployFailing(profile(LONG_WAIT, deployment("api")));

    // Then
    assertThat(e.report().lines()).containsExactly(
        "Deployment shop/api failed: ImagePullBackOff in container api of pod " + POD,
        "  Back-off pulling image \"api:dev\"",
        "  Hint: an image built on this machine must be listed under kubernetes.images, so devenv imports it into the cluster.",
        "  Warning events, newest first:",
        "    2025-03-01T10:00:30Z  Failed  Pod/" + POD + ": Error: ImagePullBackOff (x3)",
        "    2025-03-01T10:00:00Z  Failed  Pod/" + POD + ": Failed to pull image \"api:dev\": not found (x3)",
        "  No logs for container api of pod " + POD + ": it never started.",
        "  To dig further:",
        "    kubectl --kubeconfig .devenv/kubeconfig --namespace shop describe deployment api",
        "    kubectl --kubeconfig .devenv/kubeconfig --namespace shop describe pod " + POD,
        "    kubectl --kubeconfig .devenv/kubeconfig --namespace shop get events --field-selector type=Warning --sort-by=.lastTimestamp");
    assertFailedFast(e);
  }

  @Test
  @DisplayName("ErrImagePull fails at once too")
  void errImagePull() throws IOException {
    controllers.behave("api", ERR_IMAGE_PULL);

    ReadinessException e = deployFailing(profile(LONG_WAIT, deployment("api")));

    assertThat(e.getMessage()).isEqualTo("Deployment shop/api failed: ErrImagePull in container api of pod " + POD);
    assertFailedFast(e);
  }

  @Test
  @DisplayName("CreateContainerConfigError fails at once and names what is missing")
  void createContainerConfigError() throws IOException {
    // Given a Deployment whose container refers to a ConfigMap that does not exist
    controllers.behave("api", CREATE_CONTAINER_CONFIG_ERROR);

    // When deployed
    ReadinessException e = deployFailing(profile(LONG_WAIT, deployment("api")));

    // Then
    assertThat(e.report().lines()).startsWith(
        "Deployment shop/api failed: CreateContainerConfigError in container api of pod " + POD,
        "  configmap \"missing-config\" not found",
        "  Warning events, newest first:",
        "    2025-03-01T10:00:30Z  Failed  Pod/" + POD + ": Error: configmap \"missing-config\" not found (x5)",
        "  No logs for container api of pod " + POD + ": it never started.");
    assertFailedFast(e);
  }

  @Test
  @DisplayName("ProgressDeadlineExceeded fails at once with the controller's message")
  void progressDeadlineExceeded() throws IOException {
    // Given a Deployment whose rollout passed its progress deadline
    controllers.behave("api", PROGRESS_DEADLINE_EXCEEDED);

    // When deployed
    ReadinessException e = deployFailing(profile(LONG_WAIT, deployment("api")));

    // Then
    assertThat(e.report().lines()).containsExactly(
        "Deployment shop/api failed: ProgressDeadlineExceeded: ReplicaSet \"api-5d9f8\" has timed out progressing.",
        "  No Warning events.",
        "  To dig further:",
        "    kubectl --kubeconfig .devenv/kubeconfig --namespace shop describe deployment api",
        "    kubectl --kubeconfig .devenv/kubeconfig --namespace shop get events --field-selector type=Warning --sort-by=.lastTimestamp");
    assertFailedFast(e);
  }

  @Test
  @DisplayName("a failed Job fails at once with its reason, its event and the logs of its failed pod")
  void failedJob() throws IOException {
    // Given a Job that exceeds its backoff limit
    controllers.behave("migrate", JOB_FAILED).logs("migrate", List.of("migrating", "error: table exists"));

    // When deployed
    ReadinessException e = deployFailing(profile(LONG_WAIT, job("migrate")));

    // Then
    String pod = FakeControllers.podName("migrate");
    assertThat(e.report().lines()).containsExactly(
        "Job shop/migrate failed: Job failed: BackoffLimitExceeded: Job has reached the specified backoff limit",
        "  Warning events, newest first:",
        "    2025-03-01T10:00:30Z  BackoffLimitExceeded  Job/migrate: Job has reached the specified backoff limit",
        "  Last 2 log lines of container migrate of pod " + pod + ":",
        "    | migrating",
        "    | error: table exists",
        "  To dig further:",
        "    kubectl --kubeconfig .devenv/kubeconfig --namespace shop describe job migrate",
        "    kubectl --kubeconfig .devenv/kubeconfig --namespace shop describe pod " + pod,
        "    kubectl --kubeconfig .devenv/kubeconfig --namespace shop logs " + pod + " --container migrate",
        "    kubectl --kubeconfig .devenv/kubeconfig --namespace shop get events --field-selector type=Warning --sort-by=.lastTimestamp");
    assertFailedFast(e);
  }

  @Test
  @DisplayName("a workload still not ready at waitTimeout fails with what it waits for, its pods, events and logs")
  void timeout() throws IOException {
    // Given a Deployment whose pod never passes its readiness probe, and a 5-second timeout
    controllers.readyAfter(Duration.ZERO).behave("api", NEVER_READY).logs("api", List.of("listening on :8080", "GET /healthz 503"));
    Profile profile = profile("5s", deployment("api"));

    // When deployed
    ReadinessException e = deployFailing(profile);

    // Then the report says what was awaited and why it did not come
    assertThat(e.report().lines()).containsExactly(
        "Deployment shop/api not ready after 5.0s: 0 of 1 updated replicas available",
        "  pod " + POD + ": Running",
        "  container api of pod " + POD + ": NotReady: running, but its readiness probe does not pass yet",
        "  Warning events, newest first:",
        "    2025-03-01T10:00:30Z  Unhealthy  Pod/" + POD + ": Readiness probe failed: HTTP probe failed with statuscode: 503 (x7)",
        "  Last 2 log lines of container api of pod " + POD + ":",
        "    | listening on :8080",
        "    | GET /healthz 503",
        "  To dig further:",
        "    kubectl --kubeconfig .devenv/kubeconfig --namespace shop describe deployment api",
        "    kubectl --kubeconfig .devenv/kubeconfig --namespace shop describe pod " + POD,
        "    kubectl --kubeconfig .devenv/kubeconfig --namespace shop logs " + POD + " --container api",
        "    kubectl --kubeconfig .devenv/kubeconfig --namespace shop get events --field-selector type=Warning --sort-by=.lastTimestamp");
    assertThat(e.checks()).extracting(Check::duration).containsExactly(Duration.ofSeconds(5));
  }

  @Test
  @DisplayName("when one workload fails, the others get a failed check saying devenv stopped waiting for them")
  void othersStillWaiting() throws IOException {
    // Given a crashing Deployment and one that never gets ready
    controllers.behave("api", CRASH_LOOP).behave("web", NEVER_READY);
    Profile profile = profile(LONG_WAIT, deployment("api") + "---\n" + deployment("web"));

    // When deployed
    ReadinessException e = deployFailing(profile);

    // Then there is one check per workload; the second says why it has no verdict of its own
    assertThat(e.checks()).extracting(Check::name, Check::ok).containsExactly(
        org.assertj.core.groups.Tuple.tuple("Deployment shop/api", false),
        org.assertj.core.groups.Tuple.tuple("Deployment shop/web", false));
    assertThat(e.checks().get(1).failure()).startsWith("Deployment shop/web not ready (")
        .endsWith(") when devenv stopped waiting, because Deployment shop/api failed");
    assertThat(e.report()).contains("Not ready either when devenv stopped waiting: Deployment shop/web (");
  }

  @Test
  @DisplayName("a pod of the previous ReplicaSet still crashing does not fail the rollout of the fixed Deployment")
  void previousRevisionIgnored() throws IOException {
    // Given a Deployment at revision 2, its old ReplicaSet's pod in CrashLoopBackOff, and a rollout taking 3 s
    // (long enough that the prune before the wait, slow on a loaded machine, cannot use it all up)
    controllers.readyAfter(Duration.ofMillis(3000));
    var deployment = client.apps().deployments().inNamespace("shop").resource(new io.fabric8.kubernetes.api.model.apps.DeploymentBuilder()
        .withNewMetadata().withName("api").addToAnnotations("deployment.kubernetes.io/revision", "2").endMetadata()
        .withNewSpec().withNewSelector().addToMatchLabels("app", "api").endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", "api").endMetadata()
        .withNewSpec().addNewContainer().withName("api").withImage("api:broken").endContainer().endSpec().endTemplate().endSpec()
        .build()).create();
    String oldSet = replicaSet(deployment, "api-old", "1");
    replicaSet(deployment, "api-new", "2");
    client.pods().inNamespace("shop").resource(new io.fabric8.kubernetes.api.model.PodBuilder()
        .withNewMetadata().withName("api-old-x1").addToLabels("app", "api")
        .addNewOwnerReference().withApiVersion("apps/v1").withKind("ReplicaSet").withName("api-old").withUid(oldSet).endOwnerReference()
        .endMetadata()
        .withNewSpec().addNewContainer().withName("api").withImage("api:broken").endContainer().endSpec()
        .withNewStatus().withPhase("Running").addNewContainerStatus().withName("api").withReady(false).withRestartCount(5)
        .withNewState().withNewWaiting().withReason("CrashLoopBackOff").endWaiting().endState().endContainerStatus().endStatus()
        .build()).create();

    // When the fixed manifest is deployed
    DeployReport report = deployer().deploy(profile(LONG_WAIT, deployment("api")), null);

    // Then devenv waited for the new revision and did not fail on the old pod
    assertThat(report.checks()).extracting(Check::name, Check::ok)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("Deployment shop/api", true));
    assertThat(report.checks().get(0).duration()).as("it did wait for the rollout").isGreaterThan(Duration.ofMillis(500));
  }

  /** A ReplicaSet owned by the Deployment at a revision; returns its uid. */
  private String replicaSet(io.fabric8.kubernetes.api.model.apps.Deployment owner, String name, String revision) {
    return client.apps().replicaSets().inNamespace("shop").resource(new io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder()
        .withNewMetadata().withName(name).addToLabels("app", "api").addToAnnotations("deployment.kubernetes.io/revision", revision)
        .addNewOwnerReference().withApiVersion("apps/v1").withKind("Deployment").withName("api").withUid(owner.getMetadata().getUid())
        .endOwnerReference().endMetadata()
        .withNewSpec().withNewSelector().addToMatchLabels("app", "api").endSelector().endSpec()
        .build()).create().getMetadata().getUid();
  }

  private KubernetesDeployer deployer() {
    return new KubernetesDeployer(client, Progress.SILENT).withKubectl("kubectl --kubeconfig .devenv/kubeconfig");
  }

  private ReadinessException deployFailing(Profile profile) {
    ReadinessException e = catchThrowableOfType(ReadinessException.class, () -> deployer().deploy(profile, null));
    assertThat(e).as("the deploy fails with a readiness failure").isNotNull();
    return e;
  }

  private static void assertFailedFast(ReadinessException e) {
    assertThat(e.checks()).first().satisfies(c -> {
      assertThat(c.ok()).isFalse();
      assertThat(c.duration()).as("failed without waiting for the timeout").isLessThan(Duration.ofMinutes(1));
      assertThat(c.failure()).as("the check carries the object's report").isEqualTo(e.report());
    });
  }

  private Profile profile(String waitTimeout, String manifests) throws IOException {
    Files.writeString(dir.resolve("app.yaml"), manifests);
    return TestProfiles.write(dir, "name: shop\nkubernetes: {namespace: shop, waitTimeout: " + waitTimeout + ", manifests: [app.yaml]}\n");
  }

  static String deployment(String name) {
    return "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: " + name + "}\nspec:\n  replicas: 1\n"
        + "  selector: {matchLabels: {app: " + name + "}}\n"
        + "  template:\n    metadata: {labels: {app: " + name + "}}\n"
        + "    spec: {containers: [{name: " + name + ", image: " + name + ":dev}]}\n";
  }

  static String statefulSet(String name) {
    return "apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: " + name + "}\nspec:\n  serviceName: " + name + "\n"
        + "  selector: {matchLabels: {app: " + name + "}}\n"
        + "  template:\n    metadata: {labels: {app: " + name + "}}\n"
        + "    spec: {containers: [{name: " + name + ", image: redis:7.4.1-alpine}]}\n";
  }

  static String daemonSet(String name) {
    return "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: " + name + "}\nspec:\n"
        + "  selector: {matchLabels: {app: " + name + "}}\n"
        + "  template:\n    metadata: {labels: {app: " + name + "}}\n"
        + "    spec: {containers: [{name: " + name + ", image: busybox:1.37.0}]}\n";
  }

  static String job(String name) {
    return "apiVersion: batch/v1\nkind: Job\nmetadata: {name: " + name + "}\nspec:\n  backoffLimit: 1\n"
        + "  template:\n    metadata: {labels: {app: " + name + "}}\n"
        + "    spec: {restartPolicy: Never, containers: [{name: " + name + ", image: busybox:1.37.0}]}\n";
  }
}
