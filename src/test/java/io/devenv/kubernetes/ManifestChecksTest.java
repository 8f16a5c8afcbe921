package io.devenv.kubernetes;

import static io.devenv.kubernetes.ManifestLoaderTest.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.devenv.cli.Main;
import io.devenv.core.ExitCode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What validate and plan find in manifests without a cluster. */
class ManifestChecksTest {

  @TempDir Path dir;

  @Test
  @DisplayName("validate loads the manifests: a wrong type, a devenv-aws reference without AWS and an unknown placeholder, each named")
  void validateFindsWhatUpWould() throws IOException {
    write(dir, "app.yaml", """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          replicas: "2"
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers: [{name: web, image: web:dev, envFrom: [{configMapRef: {name: devenv-aws}}]}]
        """);
    write(dir, "script.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: s}\ndata: {run.sh: 'echo ${HOME}'}\n");
    write(dir, "profile.yaml", "name: shop\nkubernetes: {namespace: shop, manifests: [app.yaml]}\n");

    Run run = run("validate");

    assertThat(run.code).isEqualTo(ExitCode.INVALID_INPUT);
    assertThat(run.err).contains("app.yaml:1", "Deployment shop/web: spec.replicas: a number is wanted, not the string \"2\" (document 1)",
        "Deployment shop/web reads ConfigMap devenv-aws (spec.template.spec.containers[0].envFrom[0].configMapRef),"
            + " which devenv writes only for a profile with AWS resources");

    write(dir, "profile.yaml", "name: shop\nkubernetes: {namespace: shop, manifests: [script.yaml]}\n");
    assertThat(run("validate").err).contains("unknown placeholder ${HOME}");
    assertThat(run("plan").code).as("plan refuses too").isEqualTo(ExitCode.INVALID_INPUT);

    write(dir, "profile.yaml", "name: shop\nkubernetes: {namespace: shop, manifests: [script.yaml], verbatim: [script.yaml]}\n");
    assertThat(run("validate").code).isEqualTo(ExitCode.OK);
  }

  @Test
  @DisplayName("every sample profile's manifests pass the type check: no false alarm on IntOrString, quantities, probes")
  void samplesPass() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), "--project-dir", Fixtures.root().toString(), "validate", "--all");
    assertThat(code).as("stderr:%n%s", err).isEqualTo(ExitCode.OK);
    assertThat(ManifestChecks.problems(TestProfiles.write(dir, "name: large\nkubernetes:\n  namespace: vod\n  manifests: ["
        + Fixtures.root().resolve("fixtures/large/.cloud/k8s") + "]\n"))).isEmpty();
  }

  private Run run(String command) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), "--project-dir", dir.toString(),
        "--profile", dir.resolve("profile.yaml").toString(), command);
    return new Run(code, out.toString(), err.toString());
  }

  private record Run(int code, String out, String err) {}
}
