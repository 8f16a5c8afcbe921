package io.devenv.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.devenv.aws.ProvisionReport;
import io.devenv.aws.ResourceResult;
import io.devenv.core.Check;
import io.devenv.core.DevenvException;
import io.devenv.engine.DownReport;
import io.devenv.engine.Engine;
import io.devenv.engine.EngineChoice;
import io.devenv.engine.EngineKind;
import io.devenv.engine.EngineOptions;
import io.devenv.engine.Status;
import io.devenv.environment.AwsAccess;
import io.devenv.environment.ClusterAccess;
import io.devenv.environment.Environment;
import io.devenv.expose.EnvFile;
import io.devenv.expose.PortForwards.Forward;
import io.devenv.kubernetes.DeployReport;
import io.devenv.profile.Profile;
import io.devenv.profile.ProfileLoader;
import io.devenv.seed.SeedReport;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Up}'s order, deadline and reports, with fakes of devenv's own part interfaces: no
 * emulator, no cluster, milliseconds per test.
 */
class UpTest {

  @TempDir
  Path project;

  private final List<String> calls = new CopyOnWriteArrayList<>();
  private Profile profile;

  @BeforeEach
  void profile() throws Exception {
    Files.createDirectories(project.resolve("k8s"));
    Files.writeString(project.resolve("devenv.yaml"), """
        name: fake-up
        aws:
          queues: [{ name: orders }]
        kubernetes:
          manifests: [k8s]
          portForwards: [{ service: api, port: 80 }]
        """, StandardCharsets.UTF_8);
    profile = new ProfileLoader(Map.of()).loadFile(project.resolve("devenv.yaml"));
  }

  @Test
  @DisplayName("up runs engine, AWS, seed, Kubernetes and forwards in that order, then writes the env file")
  void order() {
    try (UpResult result = new Up(options(), parts(() -> {}, () -> {})).run(profile)) {
      assertThat(calls).containsExactly("engine", "provision", "seed", "deploy", "forward");
      assertThat(result.checks()).extracting(Check::group).containsExactly("engine", "aws", "seed");
      assertThat(result.forwards()).extracting(Forward::localPort).containsExactly(18080);
      assertThat(EnvFile.read(project)).containsEntry("AWS_ENDPOINT_URL", "http://127.0.0.1:4566");
      assertThat(EngineRecord.read(project).kind()).as("the engine is remembered for later verbs").isEqualTo(EngineKind.EXTERNAL);
    }
    assertThat(calls).as("closing the result stops the forwards").endsWith("forwards closed");
  }

  @Test
  @DisplayName("a failed seed stops up there: no deploy, the checks so far plus the failed one, the step's exit code")
  void failureStopsAtItsStep() {
    UpException e = catchThrowableOfType(UpException.class, () -> new Up(options(),
        parts(() -> {
          throw DevenvException.invalid("seed/orders.ndjson:3: not JSON");
        }, () -> {})).run(profile));

    assertThat(calls).containsExactly("engine", "provision", "seed");
    assertThat(e.exitCode()).isEqualTo(2);
    assertThat(e.checks()).extracting(Check::group).containsExactly("engine", "aws", "seed");
    assertThat(e.checks().get(2).ok()).isFalse();
    assertThat(e.checks().get(2).failure()).contains("not JSON");
    assertThat(project.resolve(".devenv/env")).as("no env file for an environment that is not ready").doesNotExist();
  }

  @Test
  @DisplayName("--timeout interrupts the step under way and says which bound was hit")
  void deadline() {
    UpOptions options = options().withTimeout(Duration.ofMillis(300));
    UpException e = catchThrowableOfType(UpException.class, () -> new Up(options, parts(() -> {}, () -> {
      try {
        Thread.sleep(30_000);
      } catch (InterruptedException interrupted) {
        throw new DevenvException(130, "interrupted while waiting for workloads", interrupted);
      }
    })).run(profile));

    assertThat(e.getMessage()).startsWith("devenv up did not finish within 0.3s (--timeout)");
    assertThat(Thread.currentThread().isInterrupted()).as("the interrupt is not left on the caller").isFalse();
    assertThat(calls).doesNotContain("forward");
  }

  @Test
  @DisplayName("two ups of one project in one JVM do not overlap: the second waits for the first's lock")
  void lockedForEveryEngine() throws Exception {
    java.util.concurrent.atomic.AtomicInteger inside = new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.atomic.AtomicInteger most = new java.util.concurrent.atomic.AtomicInteger();
    Runnable seed = () -> {
      most.accumulateAndGet(inside.incrementAndGet(), Math::max);
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      inside.decrementAndGet();
    };
    var first = java.util.concurrent.CompletableFuture.runAsync(() -> new Up(options(), parts(seed, () -> {})).run(profile).close());
    var second = java.util.concurrent.CompletableFuture.runAsync(() -> new Up(options(), parts(seed, () -> {})).run(profile).close());
    first.get();
    second.get();
    assertThat(most.get()).as("seeds at once").isEqualTo(1);
  }

  private UpOptions options() {
    return UpOptions.of(project, EngineChoice.external(URI.create("http://127.0.0.1:4566"), false, null, null));
  }

  private UpParts parts(Runnable duringSeed, Runnable duringDeploy) {
    Engine engine = new FakeEngine();
    return new UpParts(() -> engine,
        (aws, p, progress) -> {
          calls.add("provision");
          return new ProvisionReport(List.of(new ResourceResult("queue", "orders", ResourceResult.Outcome.CREATED,
              List.of(), List.of())), Duration.ZERO);
        },
        (aws, p, reset, progress) -> {
          calls.add("seed");
          duringSeed.run();
          return new SeedReport(List.of(new SeedReport.TargetResult("queue", "orders", 3, 3, 0, Duration.ZERO)), Duration.ZERO);
        },
        (cluster, aws, p, kubectl, progress) -> {
          calls.add("deploy");
          duringDeploy.run();
          return new DeployReport(List.of(), List.of(), List.of("default"), true, List.of(), Duration.ZERO);
        },
        (cluster, p, progress) -> {
          calls.add("forward");
          return new UpParts.Forwarding() {
            @Override
            public List<Forward> forwards() {
              return List.of(new Forward("api", "default", 80, 18080));
            }

            @Override
            public void close() {
              calls.add("forwards closed");
            }
          };
        });
  }

  /** An engine that hands over fixed endpoints and records that it was asked. */
  private final class FakeEngine implements Engine {
    @Override
    public EngineKind kind() {
      return EngineKind.EXTERNAL;
    }

    @Override
    public Environment start(Profile p, EngineOptions options) {
      calls.add("engine");
      return attach(p, options.projectDir());
    }

    @Override
    public Environment attach(Profile p, Path projectDir) {
      return new Environment(p, AwsAccess.local(URI.create("http://127.0.0.1:4566"), null),
          new ClusterAccess("apiVersion: v1\nkind: Config\n", null));
    }

    @Override
    public Status status(Profile p, Path projectDir) {
      return new Status(projectDir, p.name(), List.of(), List.of());
    }

    @Override
    public void logs(Path projectDir, String profileName, String role, int tail, boolean follow, Consumer<String> lines) {}

    @Override
    public DownReport down(Path projectDir, String profileName, boolean volumes) {
      return new DownReport(List.of(), List.of(), List.of());
    }

    @Override
    public boolean ownsEnvironment() {
      return false;
    }
  }
}
