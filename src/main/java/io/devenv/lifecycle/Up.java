package io.devenv.lifecycle;

import io.devenv.aws.AwsClients;
import io.devenv.aws.ConvergenceStamp;
import io.devenv.aws.ProvisionReport;
import io.devenv.aws.ResourceResult;
import io.devenv.aws.AwsProvisioner;
import io.devenv.core.Check;
import io.devenv.core.DevenvException;
import io.devenv.core.Progress;
import io.devenv.core.Timings;
import io.devenv.engine.DevenvDir;
import io.devenv.engine.DockerEngine;
import io.devenv.engine.EngineOptions;
import io.devenv.engine.Environment;
import io.devenv.engine.ExternalEngine;
import io.devenv.engine.ProjectLock;
import io.devenv.expose.EnvFile;
import io.devenv.kubernetes.PortForwards.Forward;
import io.devenv.expose.KubeconfigFile;
import io.devenv.kubernetes.DeployReport;
import io.devenv.kubernetes.KubernetesDeployer;
import io.devenv.kubernetes.PortForwards;
import io.devenv.kubernetes.ReadinessException;
import io.devenv.profile.Profile;
import io.devenv.seed.SeedReport;
import io.devenv.seed.SeedFingerprint;
import io.devenv.seed.Seeder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Timer;
import java.util.TimerTask;

/**
 * {@code devenv up}: engine → AWS resources → seed data → Kubernetes → files and forwards, in one
 * direction. Every step converges, so running it on an environment that is already up only checks.
 * Used by the CLI and by the JUnit extension alike.
 */
public final class Up {

  private final UpOptions options;
  private final Progress progress;
  private final java.util.concurrent.atomic.AtomicBoolean overdue = new java.util.concurrent.atomic.AtomicBoolean();

  private final Timings timings;

  public Up(UpOptions options) {
    this(options, Timings.sinceJvmStart());
  }

  /** @param timings where each phase's time is recorded, for {@code --timings} */
  public Up(UpOptions options, Timings timings) {
    this.options = options;
    this.progress = options.progress();
    this.timings = timings;
  }

  /**
   * Brings the profile's environment up and returns it ready.
   *
   * @throws UpException naming the step that failed, with the checks so far
   */
  @SuppressWarnings("try") // the lock is held for the block's extent, not used in it
  public UpResult run(Profile profile) {
    if (options.engine() == UpOptions.Engine.EXTERNAL) {
      return converge(profile);
    }
    // The whole up, not only the engine step: two ups on one project must not seed at once.
    long locking = System.nanoTime();
    try (ProjectLock lock = ProjectLock.acquire(options.projectDir(), Duration.ofMinutes(5), progress)) {
      timings.record("project lock", locking);
      return converge(profile);
    }
  }

  private UpResult converge(Profile profile) {
    long start = System.nanoTime();
    List<Check> checks = new ArrayList<>();
    Timer deadline = deadline(Thread.currentThread());
    KubernetesClient client = null;
    PortForwards held = null;
    try {
      if (profile.needsAws()) {
        AwsClients.warmUp(); // overlaps the SDK's start-up with the engine's
      }
      Environment env = startEngine(profile, checks);
      ProvisionReport provisioned = null;
      SeedReport seeded = null;
      ConvergenceStamp.Match unchanged = null;
      if (env.aws() != null) {
        try (AwsClients aws = timings.time("AWS: SDK HTTP client built", () -> new AwsClients(env.aws()))) {
          ConvergenceStamp stamp = step(checks, "aws", "convergence stamp",
              () -> timings.time("AWS: seed files hashed", () -> stamp(aws, profile)));
          unchanged = options.reset() || options.verify() ? null
              : timings.time("AWS: convergence stamp read", () -> stamp.check().orElse(null));
          if (unchanged != null) {
            progress.start("AWS").done(unchanged.describe());
            checks.add(Check.passed("aws", "AWS " + unchanged.describe(), Duration.ZERO));
          } else {
            provisioned = step(checks, "aws", "AWS resources", 
                () -> timings.time("AWS: resources provisioned", () -> new AwsProvisioner(aws, progress).provision(profile)));
            checks.addAll(resourceChecks(provisioned));
            seeded = step(checks, "seed", "seed data", 
                () -> timings.time("AWS: seed data", () -> new Seeder(aws, progress).seed(profile, options.reset())));
            checks.addAll(seedChecks(seeded));
            // Drift stays unstamped, so that every up keeps reporting it until it is resolved.
            if (provisioned.driftLines().isEmpty()) {
              timings.time("AWS: convergence stamp written", stamp::record);
            }
            if (options.verify()) {
              reportVerified(provisioned, seeded);
            }
          }
        }
      }
      DeployReport deployed = null;
      Path kubeconfig = null;
      if (env.cluster() != null) {
        kubeconfig = KubeconfigFile.write(options.projectDir(), env.cluster());
        client = Clusters.client(env.cluster());
        KubernetesClient c = client;
        String kubectl = "kubectl --kubeconfig " + io.devenv.profile.Origin.display(kubeconfig);
        deployed = step(checks, "kubernetes", "Kubernetes deploy",
            () -> timings.time("Kubernetes: manifests applied and ready",
                () -> new KubernetesDeployer(c, progress).withKubectl(kubectl).withVerify(options.verify()).deploy(profile, env.aws())));
        checks.addAll(deployed.checks());
      }
      List<Forward> forwards = List.of();
      if (client != null && options.portForwards() && !profile.kubernetes().portForwards().isEmpty()) {
        PortForwards started = new PortForwards(client, progress);
        held = started;
        forwards = step(checks, "expose", "port-forwards", () -> timings.time("port-forwards", () -> started.start(profile)));
      }
      Path kube = kubeconfig;
      List<Forward> fw = forwards;
      Path envFile = timings.time("env file", () -> EnvFile.write(options.projectDir(), EnvFile.variables(env, kube, fw)));
      KubernetesClient heldClient = client;
      PortForwards heldForwards = held;
      client = null;
      held = null;
      return new UpResult(env, provisioned, seeded, unchanged, deployed, forwards, envFile, kubeconfig, checks,
          Duration.ofNanos(System.nanoTime() - start), () -> {
            if (heldForwards != null) {
              heldForwards.close();
            }
            if (heldClient != null) {
              heldClient.close();
            }
          });
    } catch (UpException e) {
      throw timedOut(e, checks);
    } finally {
      if (deadline != null) {
        deadline.cancel();
      }
      if (held != null) {
        held.close();
      }
      if (client != null) {
        client.close();
      }
    }
  }

  /** What a full check found that a stamp would have hidden: anything it had to create or load. */
  private void reportVerified(ProvisionReport provisioned, SeedReport seeded) {
    List<String> found = new ArrayList<>();
    provisioned.results().stream().filter(r -> r.outcome() != ResourceResult.Outcome.UP_TO_DATE)
        .forEach(r -> found.add(r.kind() + " " + r.name() + " " + r.outcome().toString().toLowerCase().replace('_', ' ')));
    seeded.targets().stream().filter(t -> t.loaded() > 0)
        .forEach(t -> found.add(t.kind() + " " + t.name() + ": " + t.loaded() + " records loaded again"));
    progress.info(found.isEmpty() ? "verify: every resource and seed was as declared"
        : "verify: " + found.size() + " difference" + (found.size() == 1 ? "" : "s") + " found and converged: "
            + String.join("; ", found));
  }

  /** The stamp for what the profile now says, its seed files hashed (cached in .devenv/). */
  private ConvergenceStamp stamp(AwsClients aws, Profile profile) {
    SeedFingerprint seeds = new SeedFingerprint(DevenvDir.ensure(options.projectDir()));
    return new ConvergenceStamp(aws, profile, seeds.of(profile.seed()), SeedFingerprint.targets(profile.seed()));
  }

  private Environment startEngine(Profile profile, List<Check> checks) {
    String what = options.engine() == UpOptions.Engine.DOCKER ? "containers started or reused" : "external endpoints";
    return step(checks, "engine", what, () -> timings.time("engine: " + what, () -> {
      if (options.engine() == UpOptions.Engine.EXTERNAL) {
        return new ExternalEngine(options.environment()).connect(profile, options.external());
      }
      EngineOptions engine = EngineOptions.of(options.projectDir())
          .withKeepOnFailure(options.keepOnFailure())
          .withEnvironment(options.environment())
          .withProgress(progress);
      return DockerEngine.connect().start(profile, engine);
    }));
  }

  /** Runs one step, recording it as a check; a failure becomes an UpException carrying the checks. */
  private <T> T step(List<Check> checks, String group, String name, java.util.function.Supplier<T> work) {
    long start = System.nanoTime();
    try {
      T result = work.get();
      // Groups whose reports hold finer checks add those instead of one for the whole step.
      if (group.equals("engine")) {
        checks.add(Check.passed(group, name, Duration.ofNanos(System.nanoTime() - start)));
      }
      return result;
    } catch (ReadinessException e) {
      checks.addAll(e.checks());
      throw new UpException(e, checks);
    } catch (DevenvException e) {
      String report = e.getMessage() + (e.detail() == null ? "" : "\n" + e.detail());
      checks.add(Check.failed(group, name, Duration.ofNanos(System.nanoTime() - start), report));
      throw new UpException(e, checks);
    }
  }

  private static List<Check> resourceChecks(ProvisionReport report) {
    List<Check> checks = new ArrayList<>();
    for (ResourceResult r : report.results()) {
      checks.add(Check.passed("aws", r.kind() + " " + r.name() + " (" + r.outcome().toString().toLowerCase().replace('_', ' ') + ")",
          Duration.ZERO));
    }
    return checks;
  }

  private static List<Check> seedChecks(SeedReport report) {
    return report.targets().stream()
        .map(t -> Check.passed("seed", t.kind() + " " + t.name() + " (" + t.total() + " records, " + t.loaded() + " loaded)",
            t.elapsed()))
        .toList();
  }

  /** Interrupts the working thread when the whole up's time is over. */
  private Timer deadline(Thread worker) {
    if (options.timeout() == null) {
      return null;
    }
    Timer timer = new Timer("devenv-up-deadline", true);
    timer.schedule(new TimerTask() {
      @Override
      public void run() {
        overdue.set(true);
        worker.interrupt();
      }
    }, options.timeout().toMillis());
    return timer;
  }

  private UpException timedOut(UpException e, List<Check> checks) {
    if (overdue.get()) {
      Thread.interrupted();
      return new UpException(DevenvException.failure("devenv up did not finish within " + Progress.seconds(options.timeout())
          + " (--timeout): " + e.getMessage(), e), checks);
    }
    return e;
  }
}
