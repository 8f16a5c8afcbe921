package io.devenv.engine;

import com.github.dockerjava.api.DockerClient;
import io.devenv.core.DevenvException;
import io.devenv.core.ExitCode;
import java.net.URI;
import java.util.Optional;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.utility.TestcontainersConfiguration;

/** The Docker client Testcontainers found, or one clear line saying Docker is not there. */
public final class DockerAccess {
  private DockerAccess() {}

  /**
   * The client of the Docker engine Testcontainers detects (DOCKER_HOST, the default socket, ...).
   *
   * @throws DevenvException (exit 1) naming the address tried and what to do
   */
  public static DockerClient client() {
    skipTestcontainersChecks();
    try {
      if (!DockerClientFactory.instance().isDockerAvailable()) {
        throw unreachable(null);
      }
      return DockerClientFactory.instance().client();
    } catch (IllegalStateException e) {
      throw unreachable(e);
    }
  }

  /**
   * Reads on the socket Testcontainers would choose, made without its discovery (no strategy
   * tests, no info call, no checks): for {@code up}'s reuse lookup, which needs a list and an
   * inspect. Empty when that socket cannot be told without discovery ({@link TestcontainersHost}).
   */
  static Optional<DockerReads> withoutDiscovery() {
    Optional<URI> host;
    try {
      host = TestcontainersHost.of(System.getenv(), TestcontainersConfiguration.getInstance());
    } catch (RuntimeException e) {
      return Optional.empty(); // an unreadable configuration: discovery decides
    }
    return host.map(DockerReads::on);
  }

  /** Whether Docker answers, without throwing. */
  public static boolean isReachable() {
    skipTestcontainersChecks();
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException e) {
      return false;
    }
  }

  /**
   * devenv is not a test suite: Testcontainers' environment checks start an alpine:3.17 container
   * to probe bind mounts (k3s and LocalStack bind host paths), pulling it first, and retry the
   * pull for two minutes where no registry answers. Off unless configured otherwise
   * (TESTCONTAINERS_CHECKS_DISABLE or checks.disable in ~/.testcontainers.properties win); set in
   * memory only, nothing is written to the user's files.
   */
  static void skipTestcontainersChecks() {
    TestcontainersConfiguration.getInstance().getUserProperties().putIfAbsent("checks.disable", "true");
    TestcontainersSetup.beforeFirstClient();
  }

  /** Where Docker is looked for: DOCKER_HOST, or the default socket. */
  public static String host() {
    String env = System.getenv("DOCKER_HOST");
    return env == null || env.isBlank() ? "unix:///var/run/docker.sock" : env;
  }

  static DevenvException unreachable(Throwable cause) {
    return new DevenvException(ExitCode.FAILURE, "Docker is not reachable at " + host()
        + ": start Docker (or set DOCKER_HOST) and run devenv doctor", cause);
  }
}
