package io.devenv.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.devenv.cli.Main;
import io.devenv.core.ExitCode;
import io.devenv.testing.ControlPlane;
import io.devenv.testing.MiniStackProcess;
import io.devenv.testing.RealCluster;
import io.devenv.testing.TestProfiles;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code devenv up --engine external} as a user runs it, on the real control plane: the whole
 * sample platform (profiles/default.yaml) with MiniStack as its emulator, and an up stopped by
 * {@code --timeout}.
 */
@RealCluster
class RealUpTest {

  @RegisterExtension
  static final MiniStackProcess MINISTACK = new MiniStackProcess();

  @TempDir Path project;
  private ControlPlane plane;
  private KubernetesClient client;

  @BeforeEach
  void plane(ControlPlane plane) {
    this.plane = plane;
    this.client = plane.client();
  }

  @Test
  @DisplayName("the sample platform comes up: every object applied, every workload ready; a second up changes nothing; a removed manifest is pruned")
  void samplePlatform() throws Exception {
    Path defaults = TestProfiles.projectRoot().resolve("profiles/default.yaml");

    Run first = up(defaults);

    assertThat(first.code).as("exit code; stderr:%n%s", first.err).isEqualTo(ExitCode.OK);
    assertThat(first.out).contains("vod-platform is ready");
    // For docs/benchmarks.md: the Kubernetes steps of a first up on the real control plane.
    first.err.lines().filter(l -> l.contains("objects") || l.contains("workloads")).forEach(l -> System.out.println("[devenv] first up: " + l));
    for (String d : List.of("catalog-api", "events-collector", "thumbnailer", "time-api", "user-preferences")) {
      var deployment = client.apps().deployments().inNamespace("vod").withName(d).get();
      assertThat(deployment.getStatus().getReadyReplicas()).as("ready replicas of %s", d).isEqualTo(deployment.getSpec().getReplicas());
    }
    assertThat(client.discovery().v1().endpointSlices().inNamespace("vod").withName("aws").get().getEndpoints().get(0).getAddresses())
        .as("the pods' route to the emulator, from --aws-endpoint-for-pods").containsExactly("10.0.9.9");
    assertThat(client.configMaps().inNamespace("vod").withName("devenv-aws").get().getData())
        .containsEntry("AWS_ENDPOINT_URL", "http://aws.vod:4566");

    Run second = up(defaults);

    assertThat(second.code).as("stderr:%n%s", second.err).isEqualTo(ExitCode.OK);
    // Either the applied-set stamp matched (nothing applied), or a controller moved a
    // resourceVersion since and everything was applied again, changing nothing.
    assertThat(second.err).as("nothing created or configured").doesNotContainPattern("[1-9]\\d* (created|configured|pruned)")
        .satisfiesAnyOf(e -> assertThat(e).containsPattern("Kubernetes: \\d+ objects unchanged since \\d\\d:\\d\\d \\(stamp\\)"),
            e -> assertThat(e).contains("0 pruned"));

    Run verified = up(defaults, "--verify");

    assertThat(verified.code).as("stderr:%n%s", verified.err).isEqualTo(ExitCode.OK);
    assertThat(verified.err).as("with --verify everything applied again, nothing changed")
        .doesNotContainPattern("[1-9]\\d* (created|configured|pruned)").contains("0 pruned");

    // The same platform without the user-preferences manifests
    String manifests = String.join("\n", io.devenv.profile.ProfileLoader.load(defaults).kubernetes().manifests().stream()
        .filter(m -> !m.toString().contains("user-preferences")).map(m -> "    - " + m.toAbsolutePath()).toList());
    Path smaller = Files.writeString(project.resolve("smaller.yaml"),
        "name: vod-platform\nextends: " + defaults + "\nkubernetes:\n  manifests:\n" + manifests + "\n", StandardCharsets.UTF_8);
    Run third = up(smaller);

    assertThat(third.code).as("stderr:%n%s", third.err).isEqualTo(ExitCode.OK);
    assertThat(third.err).containsPattern("[1-9]\\d* pruned");
    assertThat(client.apps().deployments().inNamespace("vod").withName("user-preferences").get()).isNull();
    assertThat(client.services().inNamespace("vod").withName("user-preferences").get()).isNull();
  }

  @Test
  @DisplayName("an up stopped by --timeout still says why the workload was not ready (the scheduler's reason)")
  void timeoutKeepsTheDiagnosis() throws Exception {
    String ns = plane.uniqueNamespace("timeout");
    Files.createDirectories(project.resolve("k8s"));
    Files.writeString(project.resolve("k8s/app.yaml"), """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: api}
        spec:
          selector: {matchLabels: {app: api}}
          template:
            metadata: {labels: {app: api}}
            spec:
              nodeSelector: {disk: ssd}
              containers: [{name: api, image: api:dev}]
        """);
    Path profile = Files.writeString(project.resolve("profile.yaml"),
        "name: " + ns + "\nkubernetes: {namespace: " + ns + ", manifests: [k8s], waitTimeout: 120s}\n");

    Run run = run("--profile", profile.toString(), "up", "--detach", "--engine", "external",
        "--kubeconfig", plane.kubeconfig().toString(), "--timeout", "8s");

    assertThat(run.code).isEqualTo(ExitCode.FAILURE);
    assertThat(run.err).contains("did not finish within 8.0s (--timeout)", "Unschedulable", "didn't match Pod's node affinity/selector")
        .doesNotContain("\tat ");
  }

  private Run up(Path profile, String... more) {
    List<String> args = new java.util.ArrayList<>(List.of("--profile", profile.toString(), "up", "--detach", "--engine", "external",
        "--kubeconfig", plane.kubeconfig().toString(), "--aws-endpoint", MINISTACK.endpoint().toString(),
        "--aws-endpoint-for-pods", "http://10.0.9.9:4566"));
    args.addAll(List.of(more));
    return run(args.toArray(String[]::new));
  }

  private Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] all = new String[args.length + 2];
    all[0] = "--project-dir";
    all[1] = project.toString();
    System.arraycopy(args, 0, all, 2, args.length);
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), all);
    return new Run(code, out.toString(), err.toString());
  }

  private record Run(int code, String out, String err) {}
}
