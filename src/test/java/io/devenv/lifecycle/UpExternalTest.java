package io.devenv.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.devenv.cli.Main;
import io.devenv.core.ExitCode;
import io.devenv.expose.EnvFile;
import io.devenv.engine.AwsService;
import io.devenv.testing.Emulator;
import io.devenv.testing.EmulatorProcess;
import io.devenv.testing.OnEachEmulator;
import io.devenv.testing.ControlPlane;
import io.devenv.testing.RealCluster;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code devenv up --engine external} as a user runs it, through the CLI entry point: against
 * each real emulator on 127.0.0.1 (LocalStack: the profile without its table) and the real test
 * control plane as the cluster.
 */
@RealCluster
@OnEachEmulator
class UpExternalTest {
  static EmulatorProcess MINISTACK;

  @Parameter
  Emulator kind;

  @BeforeParameterizedClassInvocation
  static void start(Emulator kind) throws Exception {
    MINISTACK = kind.start();
  }

  @AfterParameterizedClassInvocation
  static void stopEmulator() {
    if (MINISTACK != null) {
      MINISTACK.stop();
      MINISTACK = null;
    }
  }

  @TempDir
  Path project;

  private ControlPlane cluster;

  @BeforeEach
  void project(ControlPlane plane) throws Exception {
    cluster = plane;
    Path root = Path.of("src/test/resources/junit").toAbsolutePath();
    Files.createDirectories(project.resolve("profiles"));
    // The JUnit extension's test profile, extended from the temporary project.
    Files.writeString(project.resolve("profiles/default.yaml"),
        "name: up-external\nextends: " + root.resolve(MINISTACK.offers(AwsService.DYNAMODB) ? "aws.yaml" : "aws-no-dynamodb.yaml") + "\n", StandardCharsets.UTF_8);
  }

  @Test
  @DisplayName("up provisions, seeds and deploys, writes the env file, a 0600 kubeconfig and a JUnit report; a second up changes nothing")
  void upTwice() throws Exception {
    Run first = up();

    assertThat(first.code).as("exit code; stderr:%n%s", first.err).isEqualTo(ExitCode.OK);
    assertThat(first.out).contains("up-external is ready");
    Map<String, String> env = EnvFile.read(project);
    assertThat(env).containsEntry("AWS_ENDPOINT_URL", MINISTACK.endpoint().toString())
        .containsEntry("AWS_REGION", "eu-west-3")
        .containsKey("KUBECONFIG");
    Path kubeconfig = Path.of(env.get("KUBECONFIG"));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(kubeconfig)))
        .as("the kubeconfig holds credentials").isEqualTo("rw-------");
    String report = Files.readString(project.resolve("report.xml"));
    assertThat(report).as("one test case per check, none failed")
        .contains("failures=\"0\"", "name=\"bucket junit-bucket (created)\"");
    if (MINISTACK.offers(AwsService.DYNAMODB)) {
      assertThat(report).contains("name=\"table junit-things (40 records, 40 loaded)\"");
    }
    assertThat(cluster.client().configMaps().inNamespace("junit").withName("junit-settings").get())
        .as("the manifests were applied").isNotNull();

    Run second = up();

    assertThat(second.code).isEqualTo(ExitCode.OK);
    assertThat(second.err).as("the AWS side and the applied manifests are unchanged by their stamps")
        .containsPattern("AWS: \\d+ resources, \\d+ seeds unchanged since \\d\\d:\\d\\d \\(stamp\\)")
        .containsPattern("Kubernetes: \\d+ objects unchanged since \\d\\d:\\d\\d \\(stamp\\)");

    Run verified = up("--verify");

    assertThat(verified.code).isEqualTo(ExitCode.OK);
    assertThat(verified.err).as("with --verify every resource up to date, nothing seeded again")
        .contains("1 bucket: 1 up to date", "seed queue junit-queue: 0 sent, ", "0 created, 0 configured");
    if (MINISTACK.offers(AwsService.DYNAMODB)) {
      assertThat(verified.err).contains("0 written, 40 unchanged");
    }
  }

  @Test
  @DisplayName("after an external up, status, seed, logs and down go to the external engine it remembered, never to Docker")
  void laterVerbsFollowTheEngine() {
    assertThat(up().code).isEqualTo(ExitCode.OK);

    Run status = run("status");
    assertThat(status.code).as("stderr:%n%s", status.err).isEqualTo(ExitCode.OK);
    assertThat(status.out).contains("up-external is up (external engine)", MINISTACK.endpoint().toString(), "healthy");

    Run seed = run("seed");
    assertThat(seed.code).as("stderr:%n%s", seed.err).isEqualTo(ExitCode.OK);
    assertThat(seed.out).contains("0 loaded");

    Run logs = run("logs", "aws");
    assertThat(logs.code).isEqualTo(ExitCode.INVALID_INPUT);
    assertThat(logs.err).contains("external engine runs no aws container");

    Run down = run("down");
    assertThat(down.code).as("stderr:%n%s", down.err).isEqualTo(ExitCode.OK);
    assertThat(down.out).contains("Nothing of up-external was running");
    assertThat(project.resolve(".devenv/env")).as("the env file no longer points anywhere").doesNotExist();
  }

  @Test
  @DisplayName("an endpoint that is not on this machine is refused before anything is written")
  void remoteEndpointRefused() {
    Run run = run("up", "--detach", "--engine", "external", "--aws-endpoint", "http://203.0.113.10:4566",
        "--kubeconfig", cluster.kubeconfig().toString());

    assertThat(run.code).isEqualTo(ExitCode.INVALID_INPUT);
    assertThat(run.err).contains("203.0.113.10", "--allow-remote-aws").doesNotContain("\tat ");
    assertThat(project.resolve(".devenv/env")).doesNotExist();
  }

  private Run up(String... more) {
    String[] args = {"up", "--detach", "--engine", "external", "--aws-endpoint", MINISTACK.endpoint().toString(),
        "--kubeconfig", cluster.kubeconfig().toString(), "--report", project.resolve("report.xml").toString()};
    return run(java.util.stream.Stream.concat(java.util.stream.Stream.of(args), java.util.stream.Stream.of(more))
        .toArray(String[]::new));
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
