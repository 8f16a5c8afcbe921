package io.devenv.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CommandLineProcessTest {

  @Test
  @DisplayName("the Docker lookup starts before parsing only for an up on the Docker engine")
  void onlyForUpOnDocker() {
    assertThat(CommandLineProcess.dockerUp("up")).isTrue();
    assertThat(CommandLineProcess.dockerUp("--verbose", "up", "-p", "aws-only", "--detach")).isTrue();
    assertThat(CommandLineProcess.dockerUp("up", "--engine", "external", "--aws-endpoint", "http://127.0.0.1:4566")).isFalse();
    assertThat(CommandLineProcess.dockerUp("up", "--engine=external")).isFalse();
    assertThat(CommandLineProcess.dockerUp("up", "--help")).isFalse();
    assertThat(CommandLineProcess.dockerUp("plan")).isFalse();
    assertThat(CommandLineProcess.dockerUp("status", "--verify")).isFalse();
    assertThat(CommandLineProcess.dockerUp()).isFalse();
  }
}
