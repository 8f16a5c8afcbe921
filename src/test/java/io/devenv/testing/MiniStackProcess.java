package io.devenv.testing;

import io.devenv.environment.AwsAccess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * MiniStack (a LocalStack-compatible AWS emulator from PyPI) run as a process on this machine,
 * bound to 127.0.0.1 on a free port, for the lifetime of a test class:
 *
 * <pre>{@code
 * @RegisterExtension static final MiniStackProcess ministack = new MiniStackProcess();
 * }</pre>
 *
 * <p>The executable is {@code $DEVENV_MINISTACK}, else {@code $DEVENV_TEST_MINISTACK_BIN} (set by
 * {@code .ci/run}), else {@code ~/.cache/devenv-ci/venv/bin/ministack},
 * else {@code ministack} on the PATH. When none exists the tests are skipped (failed in CI) by
 * {@link Requirements}.
 */
public final class MiniStackProcess implements BeforeAllCallback, AfterAllCallback {
  public static final String HOW_TO_INSTALL = "MiniStack is not installed: python3 -m venv ~/.cache/devenv-ci/venv"
      + " && ~/.cache/devenv-ci/venv/bin/pip install ministack (or set DEVENV_MINISTACK to its executable)";

  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);

  private final Map<String, String> environment = new LinkedHashMap<>();
  private Path executable;
  private Path workDir;
  private int port;
  private Process process;

  /** Keeps state across restarts in {@code dir} (MiniStack's PERSIST_STATE and S3_PERSIST). */
  public MiniStackProcess withPersistence(Path dir) {
    environment.put("PERSIST_STATE", "1");
    environment.put("STATE_DIR", dir.resolve("state").toString());
    environment.put("S3_PERSIST", "1");
    environment.put("S3_DATA_DIR", dir.resolve("s3").toString());
    return this;
  }

  public MiniStackProcess withEnv(String name, String value) {
    environment.put(name, value);
    return this;
  }

  /** Where the executable is looked for, in order; empty when it is nowhere. */
  public static Optional<Path> findExecutable() {
    for (String variable : new String[] {"DEVENV_MINISTACK", "DEVENV_TEST_MINISTACK_BIN"}) {
      String configured = System.getenv(variable);
      if (configured != null && !configured.isBlank()) {
        Path p = Path.of(configured);
        return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
      }
    }
    Path venv = Path.of(System.getProperty("user.home"), ".cache", "devenv-ci", "venv", "bin", "ministack");
    if (Files.isExecutable(venv)) {
      return Optional.of(venv);
    }
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    return Stream.of(path.split(java.io.File.pathSeparator))
        .filter(dir -> !dir.isEmpty())
        .map(dir -> Path.of(dir, "ministack"))
        .filter(Files::isExecutable)
        .findFirst();
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    Optional<Path> found = findExecutable();
    Requirements.require(found.isPresent(), HOW_TO_INSTALL);
    executable = found.get();
    workDir = Files.createTempDirectory("devenv-ministack-");
    port = freePort();
    start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    stop();
  }

  /** Starts the emulator (again, after {@link #stop} or {@link #kill}) on the same port. */
  public synchronized void start() throws IOException, InterruptedException {
    if (process != null && process.isAlive()) {
      return;
    }
    ProcessBuilder builder = new ProcessBuilder(executable.toString())
        .directory(workDir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(workDir.resolve("ministack.log").toFile()));
    Map<String, String> env = builder.environment();
    env.put("BIND_HOST", "127.0.0.1");
    env.put("GATEWAY_PORT", Integer.toString(port));
    // MiniStack writes its pid file to the temp dir; keep it apart from other instances.
    env.put("TMPDIR", workDir.toString());
    env.put("LOG_LEVEL", "WARNING");
    env.putAll(environment);
    process = builder.start();
    awaitHealthy();
  }

  /** Stops the emulator as a service manager would (SIGTERM), waiting for it to exit. */
  public synchronized void stop() {
    if (process == null) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    process = null;
  }

  /** Kills the emulator at once (SIGKILL): what a crash looks like. */
  public synchronized void kill() throws InterruptedException {
    if (process != null) {
      process.destroyForcibly().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      process = null;
    }
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  public int port() {
    return port;
  }

  public AwsAccess awsAccess() {
    return AwsAccess.local(endpoint(), "us-east-1");
  }

  /** The emulator's log, for failure messages. */
  public String log() {
    try {
      Path log = workDir.resolve("ministack.log");
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void awaitHealthy() throws InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    HttpRequest request = HttpRequest.newBuilder(endpoint().resolve("/_ministack/health"))
        .timeout(Duration.ofSeconds(2)).GET().build();
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("MiniStack (" + executable + ") exited with " + process.exitValue()
            + " before answering on " + endpoint() + ":\n" + log());
      }
      try {
        if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // Not listening yet.
      }
      process.waitFor(100, TimeUnit.MILLISECONDS);
    }
    stop();
    throw new IllegalStateException("MiniStack did not answer on " + endpoint() + " within " + START_TIMEOUT + ":\n" + log());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
