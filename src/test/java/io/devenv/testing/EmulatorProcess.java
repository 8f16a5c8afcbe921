package io.devenv.testing;

import io.devenv.environment.AwsAccess;
import io.devenv.engine.AwsService;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real AWS emulator run as a process on this machine, bound to 127.0.0.1 on a free port: what
 * {@link MiniStackProcess} and {@link LocalStackProcess} share. Register it as an extension for one
 * class, or start it from a parameterized class's per-invocation hook ({@link Emulator#start()}).
 */
public abstract class EmulatorProcess implements BeforeAllCallback, AfterAllCallback {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);

  protected final Map<String, String> environment = new LinkedHashMap<>();
  private final Emulator kind;
  private Path executable;
  private Path workDir;
  private int port;
  private Process process;

  protected EmulatorProcess(Emulator kind) {
    this.kind = kind;
  }

  public Emulator kind() {
    return kind;
  }

  /** Where the executable is, or empty when it is not installed. */
  protected abstract Optional<Path> findExecutable();

  /** What to say when the executable is missing: what and how to install it. */
  protected abstract String howToInstall();

  /** Sets the variables that bind it to 127.0.0.1:{@code port} and keep its files in {@code workDir}. */
  protected abstract void configure(Map<String, String> env, int port, Path workDir);

  /** Answers 200 once it serves requests. */
  protected abstract String healthPath();

  /** Whether it keeps its state across a restart once {@link #withPersistence} was asked. */
  public abstract boolean keepsStateAcrossRestarts();

  /** Asks it to keep its state in {@code dir} across restarts, where it can. */
  public abstract EmulatorProcess withPersistence(Path dir);

  public EmulatorProcess withEnv(String name, String value) {
    environment.put(name, value);
    return this;
  }

  /** Whether the executable is installed; false means tests needing it are skipped (failed in CI). */
  public boolean isInstalled() {
    return findExecutable().isPresent();
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    begin();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    stop();
  }

  /** Finds the executable (skipping, or failing in CI, when missing), picks a port, starts it. */
  public EmulatorProcess begin() throws IOException, InterruptedException {
    Optional<Path> found = findExecutable();
    Requirements.require(found.isPresent(), howToInstall());
    executable = found.get();
    workDir = Files.createTempDirectory("devenv-" + kind.id() + "-");
    port = freePort();
    start();
    return this;
  }

  /** Starts the emulator (again, after {@link #stop} or {@link #kill}) on the same port. */
  public synchronized void start() throws IOException, InterruptedException {
    if (process != null && process.isAlive()) {
      return;
    }
    ProcessBuilder builder = new ProcessBuilder(List.of(executable.toString()))
        .directory(workDir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(workDir.resolve("emulator.log").toFile()));
    configure(builder.environment(), port, workDir);
    builder.environment().putAll(environment);
    process = builder.start();
    awaitHealthy();
  }

  /** Stops the emulator as a service manager would (SIGTERM), waiting for it to exit. */
  public synchronized void stop() {
    if (process == null) {
      return;
    }
    // Its children too: LocalStack runs Kinesis' engine as a Node process of its own.
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    try {
      if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    children.forEach(ProcessHandle::destroyForcibly);
    process = null;
  }

  /** Kills the emulator at once (SIGKILL): what a crash looks like. */
  public synchronized void kill() throws InterruptedException {
    if (process != null) {
      List<ProcessHandle> children = process.descendants().toList();
      process.destroyForcibly().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      children.forEach(ProcessHandle::destroyForcibly);
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

  /** Whether this emulator serves the service on this machine. */
  public boolean offers(AwsService service) {
    return kind.offers(service);
  }

  /**
   * Skips the calling test when this emulator cannot serve the service here, with the documented
   * reason. Never turned into a failure by CI: it is a known limit of the emulator, not a missing install.
   */
  public void assumeOffers(AwsService service) {
    if (!offers(service)) {
      Assumptions.abort(kind.skipReason(service));
    }
  }

  /** Skips the calling test when the emulator forgets everything on restart. */
  public void assumeKeepsState() {
    if (!keepsStateAcrossRestarts()) {
      Assumptions.abort("skipped on " + kind + ": it keeps no state across a restart (" + kind.statelessReason() + ")");
    }
  }

  /** The emulator's log, for failure messages. */
  public String log() {
    try {
      Path log = workDir.resolve("emulator.log");
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void awaitHealthy() throws InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    HttpRequest request = HttpRequest.newBuilder(endpoint().resolve(healthPath()))
        .timeout(Duration.ofSeconds(2)).GET().build();
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(kind + " (" + executable + ") exited with " + process.exitValue()
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
    throw new IllegalStateException(kind + " did not answer on " + endpoint() + " within " + START_TIMEOUT + ":\n" + log());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** The first executable of {@code variables} (environment) that is set, else {@code fallback} if executable. */
  protected static Optional<Path> configuredOr(List<String> variables, Path fallback) {
    for (String variable : variables) {
      String configured = System.getenv(variable);
      if (configured != null && !configured.isBlank()) {
        Path p = Path.of(configured);
        return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
      }
    }
    return Files.isExecutable(fallback) ? Optional.of(fallback) : Optional.empty();
  }
}
