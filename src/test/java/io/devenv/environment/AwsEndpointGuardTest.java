package io.devenv.environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devenv.core.DevenvException;
import io.devenv.core.ExitCode;
import java.net.URI;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AwsEndpointGuardTest {

  @ParameterizedTest
  @ValueSource(strings = {"http://127.0.0.1:4566", "http://localhost:4566", "http://[::1]:4566", "http://127.1.2.3:80",
      "https://s3.localhost:4566"})
  @DisplayName("accepts loopback endpoints without any opt-in")
  void acceptsLoopback(String endpoint) {
    assertThatCode(() -> AwsEndpointGuard.check(URI.create(endpoint), false)).as(endpoint).doesNotThrowAnyException();
  }

  @ParameterizedTest
  @ValueSource(strings = {"https://sqs.eu-west-3.aws.invalid", "http://my-emulator:4566", "http://10.1.2.3:4566", "http://192.168.1.20:4566"})
  @DisplayName("refuses an endpoint off this machine with one line naming it and the flag, exit 2")
  void refusesRemote(String endpoint) {
    assertThatThrownBy(() -> AwsEndpointGuard.check(URI.create(endpoint), false))
        .isInstanceOf(DevenvException.class)
        .hasMessageContaining(endpoint)
        .hasMessageContaining("--allow-remote-aws")
        .satisfies(e -> assertThat(((DevenvException) e).exitCode()).as("exit code").isEqualTo(ExitCode.INVALID_INPUT))
        .satisfies(e -> assertThat(e.getMessage()).as("one line").doesNotContain("\n"));
  }

  @Test
  @DisplayName("accepts a remote endpoint when the user opted in")
  void acceptsRemoteWithOptIn() {
    assertThatCode(() -> AwsEndpointGuard.check(URI.create("http://10.1.2.3:4566"), true)).doesNotThrowAnyException();
  }

  @Test
  @DisplayName("refuses a missing or non-http endpoint whatever the opt-in")
  void refusesMalformed() {
    assertThatThrownBy(() -> AwsEndpointGuard.check(null, true)).hasMessageContaining("--aws-endpoint");
    assertThatThrownBy(() -> AwsEndpointGuard.check(URI.create("ftp://127.0.0.1/"), true)).hasMessageContaining("http(s)");
  }
}
