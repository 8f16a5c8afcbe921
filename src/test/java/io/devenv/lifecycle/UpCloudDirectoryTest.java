package io.devenv.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.devenv.aws.AwsClients;
import io.devenv.cli.Main;
import io.devenv.core.ExitCode;
import io.devenv.testing.MiniStackProcess;
import io.devenv.testing.MockCluster;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code devenv up --engine external} on a project whose profile points at an app's .cloud
 * directory: Terraform for AWS (with an IAM role devenv does not emulate), a Helm chart for Kubernetes.
 */
class UpCloudDirectoryTest {

  @RegisterExtension
  static final MiniStackProcess MINISTACK = new MiniStackProcess();

  @TempDir
  Path project;

  private MockCluster cluster;

  @BeforeEach
  void project() throws Exception {
    cluster = new MockCluster(Files.createDirectories(project.resolve("cluster")));
    write("app/.cloud/terraform/main.tf", """
        variable "stage" {
          default = "prod"
        }
        resource "aws_sqs_queue" "jobs" {
          name = "jobs-${var.stage}"
        }
        resource "aws_iam_role" "worker" {
          name = "worker"
        }
        """);
    write("app/.cloud/chart/Chart.yaml", "apiVersion: v2\nname: app\nversion: 0.1.0\n");
    write("app/.cloud/chart/values.yaml", "queue: jobs-prod\n");
    write("app/.cloud/chart/values.local.yaml", "queue: jobs-dev\n");
    write("app/.cloud/chart/templates/config.yaml", """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: {{ .Release.Name }}-config
        data:
          queue: {{ .Values.queue }}
          region: {{ .Values.devenv.region }}
        """);
    write("profiles/default.yaml", """
        name: cloud-app
        aws:
          region: eu-west-3
          terraform:
            - { path: ../app/.cloud/terraform, vars: { stage: dev } }
        kubernetes:
          namespace: app
          charts:
            - { path: ../app/.cloud/chart, release: app }
        """);
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  @Test
  @DisplayName("up creates the Terraform's queue, applies the chart rendered with values.local.yaml, and says what it did not emulate")
  void upFromCloudDirectory() {
    Run run = run("up", "--detach", "--engine", "external", "--aws-endpoint", MINISTACK.endpoint().toString(),
        "--kubeconfig", cluster.kubeconfig().toString());

    assertThat(run.code).as("exit code; stderr:%n%s", run.err).isEqualTo(ExitCode.OK);
    assertThat(run.err).contains("not emulated: aws_iam_role.worker (main.tf:7)");
    try (AwsClients aws = new AwsClients(io.devenv.environment.AwsAccess.local(MINISTACK.endpoint(), "eu-west-3"))) {
      assertThat(aws.sqs().listQueues().queueUrls()).as("the queue named by the Terraform").anyMatch(u -> u.endsWith("/jobs-dev"));
    }
    var config = cluster.server().createClient().configMaps().inNamespace("app").withName("app-config").get();
    assertThat(config).as("the chart's ConfigMap").isNotNull();
    assertThat(config.getData()).containsEntry("queue", "jobs-dev").containsEntry("region", "eu-west-3");
  }

  @Test
  @DisplayName("up --strict refuses the profile before anything is created")
  void strictRefuses() {
    Run run = run("up", "--strict", "--detach", "--engine", "external", "--aws-endpoint", MINISTACK.endpoint().toString(),
        "--kubeconfig", cluster.kubeconfig().toString());

    assertThat(run.code).isEqualTo(ExitCode.INVALID_INPUT);
    assertThat(run.err).contains("1 Terraform resource is not emulated (--strict), first: aws_iam_role.worker (main.tf:7)")
        .doesNotContain("\tat ");
    try (AwsClients aws = new AwsClients(io.devenv.environment.AwsAccess.local(MINISTACK.endpoint(), "eu-west-3"))) {
      assertThat(aws.sqs().listQueues().queueUrls()).as("nothing created").noneMatch(u -> u.endsWith("/jobs-dev"));
    }
    assertThat(project.resolve(".devenv/env")).doesNotExist();
  }

  private void write(String path, String text) throws java.io.IOException {
    Path file = project.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
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
