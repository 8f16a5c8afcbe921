package io.devenv.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.devenv.cli.Main;
import io.devenv.core.ExitCode;
import io.devenv.expose.EnvFile;
import io.devenv.testing.MiniStackProcess;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * An external {@code up} given an endpoint for a profile that declares no AWS resource still writes
 * that endpoint, its region and credentials to {@code .devenv/env}, and plan says so. Real MiniStack.
 */
class UpExternalEndpointOnlyTest {

  @RegisterExtension
  static final MiniStackProcess MINISTACK = new MiniStackProcess();

  @TempDir
  Path project;

  @Test
  @DisplayName("up --engine external --aws-endpoint without AWS resources: .devenv/env has the endpoint and region")
  void endpointWithoutResources() throws Exception {
    Files.createDirectories(project.resolve("profiles"));
    Files.writeString(project.resolve("profiles/default.yaml"),
        "name: endpoint-only\naws:\n  region: eu-west-2\nkubernetes:\n  enabled: false\n", StandardCharsets.UTF_8);
    String endpoint = MINISTACK.endpoint().toString();

    String[] plan = run("plan", "--engine", "external", "--aws-endpoint", endpoint);
    assertThat(plan[0]).as(plan[2]).isEqualTo(String.valueOf(ExitCode.OK));
    assertThat(plan[1]).contains("AWS_ENDPOINT_URL, AWS_REGION, credentials");

    String[] up = run("up", "--detach", "--engine", "external", "--aws-endpoint", endpoint);
    assertThat(up[0]).as(up[2]).isEqualTo(String.valueOf(ExitCode.OK));
    Map<String, String> env = EnvFile.read(project);
    assertThat(env).containsEntry("AWS_ENDPOINT_URL", endpoint).containsEntry("AWS_REGION", "eu-west-2")
        .containsKeys("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY");

    String[] seed = run("seed", "--engine", "external", "--aws-endpoint", endpoint);
    assertThat(seed[0]).isEqualTo(String.valueOf(ExitCode.INVALID_INPUT));
    assertThat(seed[2]).contains("has no AWS seed data");
  }

  @Test
  @DisplayName("the endpoint guard still refuses a remote endpoint for a profile without AWS resources")
  void remoteRefused() throws Exception {
    Files.createDirectories(project.resolve("profiles"));
    Files.writeString(project.resolve("profiles/default.yaml"),
        "name: endpoint-only\nkubernetes:\n  enabled: false\n", StandardCharsets.UTF_8);
    String[] up = run("up", "--detach", "--engine", "external", "--aws-endpoint", "http://203.0.113.10:4566");
    assertThat(up[0]).isNotEqualTo(String.valueOf(ExitCode.OK));
    assertThat(up[2]).contains("203.0.113.10", "--allow-remote-aws").doesNotContain("\tat ");
    assertThat(project.resolve(".devenv/env")).doesNotExist();
  }

  /** {exit code, stdout, stderr} of the CLI entry point. */
  private String[] run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] all = new String[args.length + 2];
    all[0] = "--project-dir";
    all[1] = project.toString();
    System.arraycopy(args, 0, all, 2, args.length);
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), all);
    return new String[] {String.valueOf(code), out.toString(), err.toString()};
  }
}
