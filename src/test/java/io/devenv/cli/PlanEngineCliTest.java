package io.devenv.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.devenv.testing.TestProfiles;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@code devenv plan --engine}: the plan of an up on that engine, through the command line. */
class PlanEngineCliTest {

  record Run(int code, String out, String err) {}

  static Run plan(String... extra) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] args = new String[extra.length + 3];
    args[0] = "plan";
    args[1] = "-p";
    args[2] = TestProfiles.projectRoot().resolve("profiles/default.yaml").toString();
    System.arraycopy(extra, 0, args, 3, extra.length);
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  @DisplayName("plan --engine external: no emulator or k3s to start, the AWS and Kubernetes steps stay")
  void externalEngine() {
    Run docker = plan();
    Run external = plan("--engine", "external");

    assertThat(docker.code()).as(docker.err()).isZero();
    assertThat(external.code()).as(external.err()).isZero();
    assertThat(docker.out()).contains("AWS emulator").contains("k3s");
    assertThat(external.out()).doesNotContain("AWS emulator").doesNotContain("k3s")
        .contains("6 queues").contains("seed                          queue thumbnails").contains("apply");
  }

  @Test
  @DisplayName("plan --engine docker is the default plan; an unknown engine is a usage error")
  void dockerAndUnknown() {
    assertThat(plan("--engine", "docker").out()).isEqualTo(plan().out());
    Run bad = plan("--engine", "nosuch");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("--engine");
  }
}
