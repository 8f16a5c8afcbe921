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

  @org.junit.jupiter.api.Test
  @DisplayName("A *.localhost name is resolved: one that maps to a private address is refused, a loopback one is pinned")
  void localhostNamesAreResolved(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    // Given a resolver (the JDK's hosts-file resolver, in a child JVM) that maps names as an attacker would
    java.nio.file.Path hosts = dir.resolve("hosts");
    java.nio.file.Files.writeString(hosts, "10.1.2.3 evil.localhost\n127.0.0.1 good.localhost\n");

    // Then the private mapping is refused, and the loopback one is connected to by its checked address
    org.assertj.core.api.Assertions.assertThat(probe(hosts, "http://evil.localhost:4566"))
        .startsWith("refused AWS endpoint http://evil.localhost:4566 is not on this machine: evil.localhost resolves to"
            + " 10.1.2.3");
    org.assertj.core.api.Assertions.assertThat(probe(hosts, "http://good.localhost:4566")).isEqualTo("ok http://127.0.0.1:4566");
  }

  private static String probe(java.nio.file.Path hosts, String endpoint) throws Exception {
    Process p = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Djdk.net.hosts.file=" + hosts, "-cp", System.getProperty("java.class.path"), GuardProbe.class.getName(), endpoint)
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
    org.assertj.core.api.Assertions.assertThat(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    return out;
  }
}
