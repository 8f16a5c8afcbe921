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

  @Test
  @DisplayName("AWS resources and seeds are made while the cluster still boots; the manifests wait for both")
  void awsOverlapsTheClusterStart() throws Exception {
    // Given an engine whose emulator answers at once and whose cluster is ready only after the seeds
    OverlapEngine engine = new OverlapEngine();
    engine.aws.complete(AwsAccess.local(URI.create("http://127.0.0.1:4566"), null));
    java.util.concurrent.ScheduledExecutorService later = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
    Runnable seed = () -> later.schedule(() -> {
      calls.add("cluster ready");
      engine.cluster.complete(new ClusterAccess("apiVersion: v1\nkind: Config\n", null));
    }, 200, java.util.concurrent.TimeUnit.MILLISECONDS);

    // When up runs (bounded: an up that waited for the cluster first would never see it ready)
    try (UpResult result = new Up(options().withTimeout(Duration.ofSeconds(20)), parts(engine, seed, () -> {})).run(profile)) {
      // Then provisioning and seeding ran before the cluster was ready, and the deploy only after it
      assertThat(calls).containsSubsequence("begin", "provision (cluster booting)", "seed", "cluster ready", "deploy", "forward");
      assertThat(result.checks()).extracting(Check::group).as("one engine check, first, as before").containsExactly("engine", "aws", "seed");
      assertThat(calls).doesNotContain("abandoned");
    } finally {
      later.shutdownNow();
    }
  }

  @Test
  @DisplayName("a cluster that fails while AWS is provisioned stops the AWS step; its failure is reported once")
  void clusterFailureStopsAws() {
    // Given a provisioner that takes long, and a cluster that fails meanwhile
    OverlapEngine engine = new OverlapEngine();
    engine.aws.complete(AwsAccess.local(URI.create("http://127.0.0.1:4566"), null));
    engine.provisionTakes = Duration.ofSeconds(30);
    java.util.concurrent.CompletableFuture.delayedExecutor(200, java.util.concurrent.TimeUnit.MILLISECONDS).execute(() ->
        engine.cluster.completeExceptionally(DevenvException.failure("The k3s rancher/k3s did not start: no node", null)));

    // When up runs
    long t0 = System.nanoTime();
    UpException e = catchThrowableOfType(UpException.class, () -> new Up(options(), parts(engine, () -> {}, () -> {})).run(profile));

    // Then the provisioning was stopped at once, the cluster's failure is the one reported, once
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("the AWS step did not run to its end").isLessThan(Duration.ofSeconds(20));
    assertThat(e.getMessage()).startsWith("The k3s rancher/k3s did not start");
    assertThat(e.exitCode()).isEqualTo(1);
    assertThat(e.checks()).filteredOn(c -> !c.ok()).as("one failed check").singleElement()
        .satisfies(c -> assertThat(c.group()).isEqualTo("engine"));
    assertThat(calls).contains("provision (cluster booting)", "abandoned").doesNotContain("seed", "deploy");
    assertThat(Thread.currentThread().isInterrupted()).as("no interrupt left on the caller").isFalse();
  }

  @Test
  @DisplayName("an AWS failure while the cluster boots stops the cluster's start; the AWS failure is reported once")
  void awsFailureStopsTheCluster() {
    // Given a seed file that is wrong, and a cluster that never gets ready by itself
    OverlapEngine engine = new OverlapEngine();
    engine.aws.complete(AwsAccess.local(URI.create("http://127.0.0.1:4566"), null));

    // When up runs
    UpException e = catchThrowableOfType(UpException.class, () -> new Up(options(), parts(engine, () -> {
      throw DevenvException.invalid("seed/orders.ndjson:3: not JSON");
    }, () -> {})).run(profile));

    // Then the cluster's start was abandoned (not waited for), and only the seed's failure is reported
    assertThat(e.exitCode()).isEqualTo(2);
    assertThat(e.getMessage()).isEqualTo("seed/orders.ndjson:3: not JSON");
    assertThat(calls).containsSubsequence("seed", "abandoned").doesNotContain("deploy");
    assertThat(e.checks()).extracting(Check::group).as("no engine check: its cluster never got ready").containsExactly("aws", "seed");
    assertThat(e.checks()).filteredOn(c -> !c.ok()).hasSize(1);
    assertThat(project.resolve(".devenv/env")).doesNotExist();
  }

  @Test
  @DisplayName("--timeout while the cluster still boots after the AWS steps: the start is abandoned and the bound named")
  void deadlineWhileTheClusterBoots() {
    OverlapEngine engine = new OverlapEngine();
    engine.aws.complete(AwsAccess.local(URI.create("http://127.0.0.1:4566"), null));

    UpException e = catchThrowableOfType(UpException.class, () -> new Up(options().withTimeout(Duration.ofMillis(400)),
        parts(engine, () -> {}, () -> {})).run(profile));

    assertThat(e.getMessage()).startsWith("devenv up did not finish within 0.4s (--timeout)");
    assertThat(calls).containsSubsequence("provision (cluster booting)", "seed", "abandoned").doesNotContain("deploy");
    assertThat(Thread.currentThread().isInterrupted()).as("the interrupt is not left on the caller").isFalse();
  }

  @Test
  @DisplayName("Ctrl-C (an interrupt) during provisioning while the cluster boots: exit 130, the start abandoned")
  void interruptDuringOverlap() throws Exception {
    OverlapEngine engine = new OverlapEngine();
    engine.aws.complete(AwsAccess.local(URI.create("http://127.0.0.1:4566"), null));
    engine.provisionTakes = Duration.ofSeconds(30);
    UpException[] thrown = new UpException[1];
    Thread up = new Thread(() -> thrown[0] = catchThrowableOfType(UpException.class,
        () -> new Up(options(), parts(engine, () -> {}, () -> {})).run(profile)));

    up.start();
    long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!calls.contains("provision (cluster booting)") && System.nanoTime() < until) {
      Thread.sleep(10);
    }
    up.interrupt();
    up.join(10_000);

    assertThat(up.isAlive()).isFalse();
    assertThat(thrown[0]).isNotNull();
    assertThat(thrown[0].exitCode()).isEqualTo(130);
    assertThat(calls).contains("abandoned").doesNotContain("seed", "deploy");
  }

  /** An engine whose emulator and cluster are ready at once; {@code empty}: it created the emulator empty. */
  private OverlapEngine readyEngine(boolean empty) {
    OverlapEngine engine = new OverlapEngine();
    engine.empty = empty;
    engine.aws.complete(AwsAccess.local(URI.create("http://127.0.0.1:4566"), null));
    engine.cluster.complete(new ClusterAccess("apiVersion: v1\nkind: Config\n", null));
    return engine;
  }

  @Test
  @DisplayName("an emulator the start created empty is not asked for a convergence stamp; a reused one is")
  void noStampReadFromAnEmptyEmulator() {
    for (boolean empty : new boolean[] {true, false}) {
      calls.clear();
      UpParts plain = parts(readyEngine(empty), () -> {}, () -> {});
      UpParts stamped = new UpParts(plain.engine(), plain.provisioner(), plain.seeder(), plain.deployer(), plain.exposer(),
          new UpParts.AwsStamps() {
            @Override
            public java.util.Optional<io.devenv.aws.ConvergenceStamp.Match> check(AwsAccess aws, Profile p, Path dir) {
              calls.add("stamp read");
              return java.util.Optional.empty();
            }

            @Override
            public boolean record(AwsAccess aws, Profile p, Path dir) {
              calls.add("stamp written");
              return true;
            }
          });

      new Up(options(), stamped).run(profile).close();

      if (empty) {
        assertThat(calls).as("created empty").doesNotContain("stamp read").containsSubsequence("provision (cluster ready)", "seed", "stamp written");
      } else {
        assertThat(calls).as("reused").containsSubsequence("stamp read", "provision (cluster ready)", "seed", "stamp written");
      }
    }
  }

  @Test
  @DisplayName("provisioner and seeder are told the emulator is empty only when the start created it so")
  void emptyEmulatorPassedOn() {
    for (boolean empty : new boolean[] {true, false}) {
      calls.clear();
      UpParts plain = parts(readyEngine(empty), () -> {}, () -> {});
      UpParts.Provisioner provisioner = new UpParts.Provisioner() {
        @Override
        public ProvisionReport provision(AwsAccess aws, Profile p, io.devenv.core.Progress progress) {
          throw new AssertionError("up must say whether the emulator is empty");
        }

        @Override
        public ProvisionReport provision(AwsAccess aws, Profile p, io.devenv.core.Progress progress, boolean emptyEmulator) {
          calls.add("provision empty=" + emptyEmulator);
          return new ProvisionReport(List.of(), Duration.ZERO);
        }
      };
      UpParts.SeedLoader seeder = new UpParts.SeedLoader() {
        @Override
        public SeedReport seed(AwsAccess aws, Profile p, boolean reset, io.devenv.core.Progress progress) {
          throw new AssertionError("up must say whether the emulator is empty");
        }

        @Override
        public SeedReport seed(AwsAccess aws, Profile p, boolean reset, io.devenv.core.Progress progress, boolean emptyEmulator) {
          calls.add("seed empty=" + emptyEmulator);
          return new SeedReport(List.of(), Duration.ZERO);
        }
      };

      new Up(options(), new UpParts(plain.engine(), provisioner, seeder, plain.deployer(), plain.exposer())).run(profile).close();

      assertThat(calls).as(empty ? "created empty" : "reused").containsSubsequence("provision empty=" + empty, "seed empty=" + empty);
    }
  }

  private UpOptions options() {
    return UpOptions.of(project, EngineChoice.external(URI.create("http://127.0.0.1:4566"), false, null, null));
  }

  private UpParts parts(Runnable duringSeed, Runnable duringDeploy) {
    return parts(new FakeEngine(), duringSeed, duringDeploy);
  }

  private UpParts parts(Engine engine, Runnable duringSeed, Runnable duringDeploy) {
    return new UpParts(() -> engine,
        (aws, p, progress) -> {
          if (engine instanceof OverlapEngine overlap) {
            calls.add(overlap.cluster.isDone() ? "provision (cluster ready)" : "provision (cluster booting)");
            overlap.provisioning();
          } else {
            calls.add("provision");
          }
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

  /**
   * An engine whose emulator and cluster the test makes ready (or failed) when it likes, as the
   * Docker engine's start does in its own threads.
   */
  private final class OverlapEngine extends FakeEngine {
    final java.util.concurrent.CompletableFuture<AwsAccess> aws = new java.util.concurrent.CompletableFuture<>();
    final java.util.concurrent.CompletableFuture<ClusterAccess> cluster = new java.util.concurrent.CompletableFuture<>();
    Duration provisionTakes = Duration.ZERO;
    boolean empty;

    void provisioning() {
      try {
        Thread.sleep(provisionTakes.toMillis());
      } catch (InterruptedException e) {
        throw new DevenvException(130, "Interrupted while creating AWS resources", e);
      }
    }

    @Override
    public io.devenv.engine.EngineStart begin(Profile p, EngineOptions options) {
      calls.add("begin");
      return new io.devenv.engine.EngineStart() {
        @Override
        public AwsAccess aws() {
          return await(aws);
        }

        @Override
        public Environment environment() {
          return new Environment(p, await(aws), await(cluster));
        }

        @Override
        public boolean emulatorEmpty() {
          return empty;
        }

        @Override
        public boolean ready() {
          return aws.isDone() && cluster.isDone() && !cluster.isCompletedExceptionally();
        }

        @Override
        public void onFailure(Runnable listener) {
          cluster.whenComplete((c, e) -> {
            if (e != null && !(e instanceof java.util.concurrent.CancellationException)) {
              listener.run();
            }
          });
        }

        @Override
        public void abandon() {
          if (!ready()) {
            calls.add("abandoned");
            cluster.cancel(true);
          }
        }
      };
    }

    private <T> T await(java.util.concurrent.CompletableFuture<T> part) {
      try {
        return part.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new DevenvException(130, "Interrupted: removed what this start had created", e);
      } catch (java.util.concurrent.ExecutionException e) {
        throw (DevenvException) e.getCause();
      }
    }
  }

  /** An engine that hands over fixed endpoints and records that it was asked. */
  private class FakeEngine implements Engine {
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
