package io.devenv.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.transport.SSLConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.testcontainers.dockerclient.DockerClientProviderStrategy;
import org.testcontainers.dockerclient.TransportConfig;
import org.testcontainers.utility.TestcontainersConfiguration;

/**
 * The Docker socket Testcontainers would choose, told from its settings alone, without running its
 * discovery (which tests strategies, pings and asks Docker for its info: most of a no-op
 * {@code up}'s engine step).
 *
 * <p>Testcontainers tries, in order: {@code tc.host}, {@code DOCKER_HOST} (and docker-java's
 * other ways to name a host), then the strategy it recorded in {@code ~/.testcontainers.properties}
 * after its first success, then the others. Only the plain cases are told here: {@code DOCKER_HOST}
 * naming a Unix socket, or nothing set and the recorded strategy being the local Unix socket. Any
 * other setting (a remote or TLS host, a Docker context, Docker Desktop, rootless) answers empty,
 * and Testcontainers' own discovery decides, as before.
 */
final class TestcontainersHost {
  static final String UNIX_SOCKET_STRATEGY = "org.testcontainers.dockerclient.UnixSocketClientProviderStrategy";
  static final Path DEFAULT_SOCKET = Path.of("/var/run/docker.sock");

  /**
   * What decides Testcontainers' choice.
   *
   * @param dockerHost the DOCKER_HOST environment variable, or null
   * @param tcHost Testcontainers' {@code tc.host}, or null
   * @param tcDockerHost Testcontainers' {@code docker.host}, or null
   * @param strategy the strategy Testcontainers recorded or was told, or null
   * @param otherConfig docker-java would take a host from elsewhere (system property, its
   *     properties file, a Docker context)
   * @param defaultSocket whether {@link #DEFAULT_SOCKET} exists
   */
  record Settings(String dockerHost, String tcHost, String tcDockerHost, String strategy, boolean otherConfig,
      boolean defaultSocket) {}

  /** Made only when a Docker config file is there to read: most machines that reach this have none. */
  private static final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
  }

  /**
   * The local Docker socket reaches no TLS endpoint, but docker-java's transport takes the JDK's
   * default SSL context (and parses its CA store) when given none: {@link NoTlsContext} stands in,
   * without starting the JDK's TLS provider either.
   */
  static final SSLConfig NO_TLS = NoTlsContext::new;

  private TestcontainersHost() {}

  /** The socket for these settings, or empty when only Testcontainers' discovery can tell. */
  static Optional<URI> choose(Settings s) {
    if (present(s.tcHost())) {
      return Optional.empty();
    }
    if (present(s.dockerHost())) {
      return s.dockerHost().startsWith("unix://") ? Optional.of(URI.create(s.dockerHost())) : Optional.empty();
    }
    if (present(s.tcDockerHost()) || s.otherConfig()) {
      return Optional.empty();
    }
    if (UNIX_SOCKET_STRATEGY.equals(s.strategy()) && s.defaultSocket()) {
      return Optional.of(URI.create("unix://" + DEFAULT_SOCKET));
    }
    return Optional.empty();
  }

  /** The socket for this process's environment and Testcontainers' configuration. */
  static Optional<URI> of(Map<String, String> env, TestcontainersConfiguration config) {
    return choose(new Settings(env.get("DOCKER_HOST"), config.getUserProperty("tc.host", null),
        config.getUserProperty("docker.host", null), config.getDockerClientStrategyClassName(), otherConfig(env),
        Files.exists(DEFAULT_SOCKET)));
  }

  /** A docker-java client on that Unix socket, made the way Testcontainers makes its own. */
  static DockerClient client(URI host) {
    if (!"unix".equals(host.getScheme())) {
      throw new IllegalArgumentException("not a Unix socket: " + host); // TLS may be needed: discovery decides
    }
    return DockerClientProviderStrategy.getClientForConfig(TransportConfig.builder().dockerHost(host).sslConfig(NO_TLS).build());
  }

  /** Whether docker-java would find a host somewhere this class does not follow. */
  private static boolean otherConfig(Map<String, String> env) {
    String home = System.getProperty("user.home");
    if (present(System.getProperty("DOCKER_HOST")) || present(env.get("DOCKER_CONTEXT"))
        || Files.exists(Path.of(home, ".docker-java.properties"))) {
      return true;
    }
    String configDir = env.getOrDefault("DOCKER_CONFIG", Path.of(home, ".docker").toString());
    Path config = Path.of(configDir, "config.json");
    if (!Files.isRegularFile(config)) {
      return false;
    }
    try {
      JsonNode context = Json.MAPPER.readTree(config.toFile()).path("currentContext");
      return !context.isMissingNode() && !context.asText().isEmpty() && !context.asText().equals("default");
    } catch (IOException | RuntimeException e) {
      return true; // unreadable: let discovery decide
    }
  }

  private static boolean present(String value) {
    return value != null && !value.isBlank();
  }
}
