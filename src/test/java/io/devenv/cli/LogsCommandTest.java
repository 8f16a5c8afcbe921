package io.devenv.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.devenv.core.ExitCode;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LogsCommandTest {

  @Test
  @DisplayName("logs of k3s or a workload for a profile without Kubernetes says so in one line, before looking for containers")
  void noKubernetes() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int code = Main.run(new PrintWriter(out), new PrintWriter(err), "logs", "k3s", "-p", "src/test/resources/junit/docker.yaml");

    assertThat(code).isEqualTo(ExitCode.INVALID_INPUT);
    assertThat(err.toString()).isEqualTo("error: profile junit-docker runs no Kubernetes (kubernetes.enabled is false);"
        + " devenv logs shows aws\n");
  }
}
