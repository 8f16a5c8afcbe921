package io.devenv.lifecycle;

import io.devenv.aws.ConvergenceStamp;
import io.devenv.aws.ProvisionReport;
import io.devenv.aws.ResourceResult;
import io.devenv.core.Check;
import io.devenv.core.DevenvException;
import io.devenv.core.PlannedStep;
import io.devenv.core.Progress;
import io.devenv.core.Timings;
import io.devenv.engine.Engine;
import io.devenv.engine.EngineOptions;
import io.devenv.engine.EngineStart;
import io.devenv.environment.Environment;
import io.devenv.expose.EnvFile;
import io.devenv.expose.ExposeSteps;
import io.devenv.expose.KubeconfigFile;
import io.devenv.expose.PortForwards.Forward;
import io.devenv.kubernetes.DeployReport;
import io.devenv.kubernetes.ReadinessException;
import io.devenv.profile.Profile;
import io.devenv.seed.SeedReport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Timer;
import java.util.TimerTask;

/**
 * {@code devenv up}: engine → AWS resources → seed data → Kubernetes → files and forwards, in one
 * direction. Every step converges, so running it on an environment that is already up only checks.
 * Used by the CLI and by the JUnit extension alike; takes the project lock once, for every engine.
 */
public final class Up {

  /** How long an up waits for another devenv working on the same project. */
  static final Duration LOCK_WAIT = Duration.ofMinutes(5);

  private final UpOptions options;
  private final UpParts parts;
  private final Progress progress;
  private final Timings timings;
  private final java.util.concurrent.atomic.AtomicBoolean overdue = new java.util.concurrent.atomic.AtomicBoolean();

  public Up(UpOptions options) {
    this(options, UpParts.real(options.engine(), options.environment(), options.verify(), options.reset()));
  }

  public Up(UpOptions options, UpParts parts) {
    this(options, parts, Timings.sinceJvmStart());
  }

  /** @param timings where each phase's time is recorded, for {@code up --timings} */
  public Up(UpOptions options, UpParts parts, Timings timings) {
    this.options = options;
    this.parts = parts;
    this.progress = options.progress();
    this.timings = timings;
  }

  /** The real parts, recording each phase's time in {@code timings}. */
  public static Up timed(UpOptions options, Timings timings) {
    return new Up(options, UpParts.real(options.engine(), options.environment(), options.verify(), options.reset()), timings);
  }

  /**
   * Brings the profile's environment up and returns it ready.
   *
   * @throws UpException naming the step that failed, with the checks so far
   */
  @SuppressWarnings("try") // the lock is held for the block's extent, not used in it
  public UpResult run(Profile profile) {
    // The whole up, not only the engine step: two ups on one project must not seed at once.
    long locking = System.nanoTime();
    try (ProjectLock lock = ProjectLock.acquire(options.projectDir(), LOCK_WAIT, progress)) {
      timings.record("project lock", locking);
      return converge(profile);
    }
  }

  private UpResult converge(Profile profile) {
    long start = System.nanoTime();
    List<Check> checks = new ArrayList<>();
    Timer deadline = deadline(Thread.currentThread());
    UpParts.Forwarding held = null;
    try {
      if (profile.needsAws() && parts.stamps().likelyNeedsClients(options.projectDir(), profile)) {
        // The SDK's start-up for the stamp overlaps the engine's (a no-op with a stamp copy needs no SDK).
        io.devenv.aws.SdkWarmUp.start(null);
      }
      long begun = System.nanoTime();
      EngineStart starting = beginEngine(profile, checks);
      int engineAt = checks.size();
      Environment env;
      AwsPhase aws;
      try {
        for (PlannedStep listed : io.devenv.profile.terraform.TerraformSteps.of(profile)) {
          report(listed, () -> null); // what the Terraform declares and devenv does not create, as plan lists it
        }
        // The AWS steps run as soon as the emulator answers, while the cluster may still boot.
        aws = profile.needsAws() ? awsPhase(profile, starting, checks, begun) : AwsPhase.NONE;
        env = awaitEngine(checks, begun, () -> timings.time("engine: every part ready", starting::environment));
      } catch (RuntimeException e) {
        boolean ready = starting.ready();
        starting.abandon(); // a part still starting is stopped; one that is ready stays, as after any failure
        if (ready && e instanceof UpException up && up.getCause() instanceof DevenvException failure) {
          List<Check> withEngine = new ArrayList<>(up.checks());
          withEngine.add(engineAt, engineCheck(begun)); // the engine was ready when a later step failed
          throw new UpException(failure, withEngine);
        }
        throw e;
      }
      checks.add(engineAt, engineCheck(begun));
      EngineRecord.write(options.projectDir(), options.engine());
      ProvisionReport provisioned = aws.provisioned();
      SeedReport seeded = aws.seeded();
      ConvergenceStamp.Match unchanged = aws.unchanged();
      io.devenv.environment.AwsAccess awsResources = profile.needsAws() ? env.aws() : null;
      DeployReport deployed = null;
      Path kubeconfig = null;
      if (env.cluster() != null) {
        kubeconfig = report(ExposeSteps.kubeconfig(options.projectDir()), () -> KubeconfigFile.write(options.projectDir(), env.cluster()));
        String kubectl = "kubectl --kubeconfig " + io.devenv.profile.Origin.display(kubeconfig);
        deployed = step(checks, "kubernetes", "Kubernetes deploy",
            () -> timings.time("Kubernetes: manifests applied and ready",
                () -> parts.deployer().deploy(env.cluster(), awsResources, profile, kubectl, progress)));
        checks.addAll(deployed.checks());
      }
      List<Forward> forwards = List.of();
      if (env.cluster() != null && options.portForwards() && !profile.kubernetes().portForwards().isEmpty()) {
        held = step(checks, "expose", "port-forwards", () -> timings.time("port-forwards", () -> report(ExposeSteps.forwards(profile),
            () -> parts.exposer().forward(env.cluster(), profile, progress))));
        forwards = held.forwards();
      }
      Path kubeconfigFile = kubeconfig;
      List<Forward> started = forwards;
      Path envFile = report(ExposeSteps.envFile(options.projectDir(), env.aws() != null, env.cluster() != null, !forwards.isEmpty()),
          () -> EnvFile.write(options.projectDir(), EnvFile.variables(env, kubeconfigFile, started)));
      UpParts.Forwarding heldForwards = held;
      held = null;
      return new UpResult(env, provisioned, seeded, unchanged, deployed, forwards, envFile, kubeconfig, checks,
          Duration.ofNanos(System.nanoTime() - start), () -> {
            if (heldForwards != null) {
              heldForwards.close();
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
    }
  }

  private EngineStart beginEngine(Profile profile, List<Check> checks) {
    long begun = System.nanoTime();
    return awaitEngine(checks, begun, () -> timings.time("engine: start begun (checks, network)", () -> {
      Engine engine = parts.engine().get();
      EngineOptions engineOptions = EngineOptions.of(options.projectDir())
          .withKeepOnFailure(options.keepOnFailure())
          .withEnvironment(options.environment())
          .withProgress(progress)
          .withTimings(timings)
          // While a new emulator boots the JVM waits: prepare every call the profile's AWS steps will make.
          .withBeforeEmulatorCreated(() -> io.devenv.aws.SdkWarmUp.start(profile.aws(), timings));
      return engine.begin(profile, engineOptions);
    }));
  }

  private Check engineCheck(long begun) {
    return Check.passed("engine", options.engine().kind().startCheck(), Duration.ofNanos(System.nanoTime() - begun));
  }

  /** What the AWS steps did: reports, or the stamp that made them unnecessary. */
  private record AwsPhase(ProvisionReport provisioned, SeedReport seeded, ConvergenceStamp.Match unchanged) {
    static final AwsPhase NONE = new AwsPhase(null, null, null);
  }

  /**
   * Waits for the emulator alone, then provisions and seeds while the cluster may still boot. If
   * the cluster fails meanwhile, the AWS step under way is interrupted and the cluster's failure,
   * not the interrupt it caused, is what up reports.
   */
  private AwsPhase awsPhase(Profile profile, EngineStart starting, List<Check> checks, long begun) {
    io.devenv.environment.AwsAccess access = awaitEngine(checks, begun, () -> timings.time("engine: AWS emulator answering",
        starting::aws));
    if (access == null) {
      return AwsPhase.NONE; // an engine that runs no emulator for the profile
    }
    StopOnFailure stop = new StopOnFailure(Thread.currentThread());
    starting.onFailure(stop::fire);
    try {
      // An emulator created empty by this start holds no stamp: reading it would only cost the round trips.
      return awsSteps(profile, access, checks, starting.emulatorEmpty());
    } catch (RuntimeException e) {
      if (!stop.fired()) {
        throw e;
      }
      if (e instanceof UpException) {
        checks.remove(checks.size() - 1); // the step's failure is the interrupt; the engine's own follows
      }
      return AwsPhase.NONE;
    } finally {
      stop.close();
    }
  }

  private AwsPhase awsSteps(Profile profile, io.devenv.environment.AwsAccess aws, List<Check> checks, boolean empty) {
    ConvergenceStamp.Match unchanged = options.reset() || options.verify() || empty ? null : step(checks, "aws", "convergence stamp",
        () -> timings.time("AWS: convergence stamp read", () -> parts.stamps().check(aws, profile, options.projectDir())))
        .orElse(null);
    if (unchanged != null) {
      progress.start("AWS").done(unchanged.describe());
      checks.add(Check.passed("aws", "AWS " + unchanged.describe(), Duration.ZERO));
      return new AwsPhase(null, null, unchanged);
    }
    ProvisionReport provisioned = step(checks, "aws", "AWS resources", () -> timings.time("AWS: resources provisioned",
        () -> parts.provisioner().provision(aws, profile, progress, empty)));
    checks.addAll(resourceChecks(provisioned));
    SeedReport seeded = step(checks, "seed", "seed data", () -> timings.time("AWS: seed data",
        () -> parts.seeder().seed(aws, profile, options.reset(), progress, empty)));
    checks.addAll(seedChecks(seeded));
    // Drift stays unstamped, so that every up keeps reporting it until it is resolved.
    if (provisioned.driftLines().isEmpty()) {
      timings.time("AWS: convergence stamp written", () -> parts.stamps().record(aws, profile, options.projectDir()));
    }
    if (options.verify()) {
      reportVerified(provisioned, seeded);
    }
    return new AwsPhase(provisioned, seeded, null);
  }

  /** One wait on the engine; its failure is the engine check's, named as before the start was split. */
  private <T> T awaitEngine(List<Check> checks, long begun, java.util.function.Supplier<T> wait) {
    try {
      return wait.get();
    } catch (DevenvException e) {
      checks.add(Check.failed("engine", options.engine().kind().startCheck(), Duration.ofNanos(System.nanoTime() - begun),
          failure(e)));
      throw new UpException(e, checks);
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

  /** Does one of up's own steps under its plan name. */
  private <T> T report(PlannedStep planned, java.util.function.Supplier<T> work) {
    Progress.Step step = progress.start(planned.name());
    try {
      T result = work.get();
      step.done("");
      return result;
    } catch (RuntimeException e) {
      step.failed(e.getMessage());
      throw e;
    }
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
      checks.add(Check.failed(group, name, Duration.ofNanos(System.nanoTime() - start), failure(e)));
      throw new UpException(e, checks);
    }
  }

  private static String failure(DevenvException e) {
    return e.getMessage() + (e.detail() == null ? "" : "\n" + e.detail());
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
      // The step's report (e.g. why each workload was not ready yet) is kept.
      return new UpException(new DevenvException(io.devenv.core.ExitCode.FAILURE, "devenv up did not finish within "
          + Progress.seconds(options.timeout()) + " (--timeout): " + e.getMessage(), e.detail(), e), checks);
    }
    return e;
  }
}
