package io.devenv.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devenv.engine.TestcontainersHost.Settings;
import java.net.URI;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Which Docker socket the reuse lookup uses without Testcontainers' discovery: only the one
 * Testcontainers would choose itself, and none (discovery decides) whenever that is not plain.
 */
class TestcontainersHostTest {
  private static final String UNIX = TestcontainersHost.UNIX_SOCKET_STRATEGY;

  @Test
  @DisplayName("nothing set and Testcontainers' recorded strategy is the local Unix socket: that socket")
  void recordedUnixSocket() {
    assertThat(TestcontainersHost.choose(new Settings(null, null, null, UNIX, false, true)))
        .as("the socket Testcontainers' UnixSocketClientProviderStrategy uses")
        .contains(URI.create("unix:///var/run/docker.sock"));
  }

  @Test
  @DisplayName("DOCKER_HOST naming a Unix socket wins over the recorded strategy, as in Testcontainers")
  void dockerHostSocket() {
    assertThat(TestcontainersHost.choose(new Settings("unix:///run/user/1000/docker.sock", null, null, UNIX, false, true)))
        .contains(URI.create("unix:///run/user/1000/docker.sock"));
  }

  @Test
  @DisplayName("a remote or TLS DOCKER_HOST, tc.host, docker.host, a Docker context or another strategy: discovery decides")
  void otherwiseDiscoveryDecides() {
    assertThat(TestcontainersHost.choose(new Settings("tcp://10.0.0.5:2376", null, null, UNIX, false, true)))
        .as("tcp DOCKER_HOST").isEmpty();
    assertThat(TestcontainersHost.choose(new Settings(null, "tcp://cloud:2375", null, UNIX, false, true)))
        .as("tc.host").isEmpty();
    assertThat(TestcontainersHost.choose(new Settings("unix:///var/run/docker.sock", "tcp://cloud:2375", null, UNIX, false, true)))
        .as("tc.host comes before DOCKER_HOST").isEmpty();
    assertThat(TestcontainersHost.choose(new Settings(null, null, "unix:///other.sock", UNIX, false, true)))
        .as("docker.host in ~/.testcontainers.properties").isEmpty();
    assertThat(TestcontainersHost.choose(new Settings(null, null, null, UNIX, true, true)))
        .as("a Docker context or docker-java's own configuration").isEmpty();
    assertThat(TestcontainersHost.choose(new Settings(null, null, null,
        "org.testcontainers.dockerclient.DockerDesktopClientProviderStrategy", false, true))).as("Docker Desktop").isEmpty();
    assertThat(TestcontainersHost.choose(new Settings(null, null, null, null, false, true)))
        .as("no strategy recorded yet (first run)").isEmpty();
    assertThat(TestcontainersHost.choose(new Settings(null, null, null, UNIX, false, false)))
        .as("the default socket is missing").isEmpty();
  }

  @Test
  @DisplayName("the lookup's client is made for a Unix socket only: a TCP host (maybe TLS) is refused, and its SSL context refuses any use")
  void unixSocketOnly() {
    assertThatThrownBy(() -> TestcontainersHost.client(URI.create("tcp://10.0.0.5:2376")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a Unix socket");
    NoTlsContext context = new NoTlsContext();
    assertThatThrownBy(context::getSocketFactory).as("no TLS connection can be made with it")
        .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("without TLS");
    assertThatThrownBy(context::createSSLEngine).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> context.init(null, null, null)).isInstanceOf(UnsupportedOperationException.class);
  }
}
