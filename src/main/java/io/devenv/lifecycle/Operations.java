package io.devenv.lifecycle;

import io.devenv.aws.AwsClients;
import io.devenv.aws.ConvergenceStamp;
import io.devenv.aws.ResourcePresence;
import io.devenv.seed.SeedFingerprint;
import io.devenv.environment.DevenvDir;
import java.util.List;

import io.devenv.core.DevenvException;
import io.devenv.core.Progress;
import io.devenv.engine.DownReport;
import io.devenv.engine.Engine;
import io.devenv.engine.EngineChoice;
import io.devenv.engine.Engines;
import io.devenv.engine.Status;
import io.devenv.environment.Environment;
import io.devenv.expose.EnvFile;
import io.devenv.expose.KubeconfigFile;
import io.devenv.kubernetes.DeployReport;
import io.devenv.profile.Profile;
import io.devenv.seed.SeedReport;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The verbs besides {@code up} — down, seed, status, logs — for the CLI and the JUnit extension
 * alike, on the engine asked for or, without one, the engine the last {@code up} used. Verbs that
 * change the environment hold the project lock.
 */
public final class Operations {

  private final Path projectDir;
  private final EngineChoice choice;
  private final Map<String, String> environment;
  private final Progress progress;
  private Engine engine;

  /**
   * @param choice the engine, or null for the one the last up of this project used
   */
  public Operations(Path projectDir, EngineChoice choice, Map<String, String> environment, Progress progress) {
    this.projectDir = projectDir;
    this.choice = EngineRecord.resolve(projectDir, choice);
    this.environment = Map.copyOf(environment);
    this.progress = progress;
  }

  public EngineChoice engineChoice() {
    return choice;
  }

  private synchronized Engine engine() {
    if (engine == null) {
      engine = Engines.create(choice, environment);
    }
    return engine;
  }

  /** How to reach the profile's running environment. */
  public Environment attach(Profile profile) {
    return engine().attach(profile, projectDir);
  }

  /** Whether the profile's environment already runs (then a JUnit run leaves it as it found it). */
  public boolean running(Profile profile) {
    try {
      attach(profile);
      return true;
    } catch (DevenvException notRunning) {
      return false;
    }
  }

  /**
   * What {@code status --verify} reports, changing nothing.
   *
   * @param stamp the AWS convergence stamp when it still matches ("15 resources, 5 seeds unchanged
   *     since 10:42 (stamp)"), else null
   * @param missing the declared AWS resources the emulator lacks, asked with read calls only
   */
  public record Verification(String stamp, List<String> missing) {}

  /** Reads the running environment's AWS side: its convergence stamp, and which declared resources are there. */
  public Verification verify(Profile profile) {
    Environment env = attach(profile);
    if (env.aws() == null || !profile.needsAws()) {
      return new Verification(null, List.of());
    }
    try (AwsClients aws = new AwsClients(env.aws())) {
      SeedFingerprint seeds = new SeedFingerprint(DevenvDir.ensure(projectDir));
      ConvergenceStamp stamp = new ConvergenceStamp(aws, profile, seeds.of(profile.seed()), SeedFingerprint.targets(profile.seed()));
      return new Verification(stamp.check().map(ConvergenceStamp.Match::describe).orElse(null),
          new ResourcePresence(aws).missing(profile.aws()));
    }
  }

  /** What runs for the profile. */
  public Status status(Profile profile) {
    return engine().status(profile, projectDir);
  }

  /** Whether stopping a foreground up should remove the environment (the engine started it). */
  public boolean ownsEnvironment() {
    return engine().ownsEnvironment();
  }

  /**
   * Removes what the engine started for a profile (every profile when {@code profileName} is null)
   * and the files that point at it.
   */
  @SuppressWarnings("try") // the lock is held for the block's extent, not used in it
  public DownReport down(String profileName, boolean volumes) {
    try (ProjectLock lock = ProjectLock.acquire(projectDir, Up.LOCK_WAIT, progress)) {
      DownReport report = engine().down(projectDir, profileName, volumes);
      // The files point at what was just removed; leaving them would mislead the next shell.
      Files.deleteIfExists(EnvFile.path(projectDir));
      Files.deleteIfExists(KubeconfigFile.path(projectDir));
      io.devenv.aws.StampCopy.removeFor(projectDir, profileName); // they name removed instances: the next up warms the SDK up
      return report;
    } catch (IOException e) {
      throw DevenvException.failure("Could not remove the files of " + projectDir + ": " + e.getMessage(), e);
    }
  }

  /** Loads the profile's seed data into its running environment. */
  public SeedReport seed(Profile profile, boolean reset) {
    Environment env = attach(profile);
    if (env.aws() == null || !profile.needsAws()) {
      throw DevenvException.invalid("profile " + profile.name() + " has no AWS seed data to load");
    }
    return seed(env, profile, reset);
  }

  /** How many seed requests to keep in flight for {@code profile}'s emulator ({@link io.devenv.engine.SeedPool}). */
  int seedRequests(Profile profile) {
    return io.devenv.engine.SeedPool.size(profile, environment);
  }

  /** Loads {@code profile}'s seed data into an environment already at hand (the JUnit extension's reseed). */
  @SuppressWarnings("try") // the lock is held for the block's extent, not used in it
  public SeedReport seed(Environment env, Profile profile, boolean reset) {
    try (ProjectLock lock = ProjectLock.acquire(projectDir, Up.LOCK_WAIT, progress)) {
      return UpParts.seed(env.aws(), profile, reset, progress, seedRequests(profile));
    }
  }

  /** Deploys {@code profile}'s Kubernetes part into an environment already at hand (a fresh namespace). */
  @SuppressWarnings("try") // the lock is held for the block's extent, not used in it
  public DeployReport deploy(Environment env, Profile profile) {
    try (ProjectLock lock = ProjectLock.acquire(projectDir, Up.LOCK_WAIT, progress)) {
      return UpParts.deploy(env.cluster(), env.aws(), profile, null, progress, false);
    }
  }

  /**
   * Prints a log: {@code aws} or {@code k3s} from the engine, anything else names a Deployment
   * ({@code namespace/name}, or a name in the profile's namespace) whose log comes from the cluster.
   */
  @SuppressWarnings("try") // the log watch streams for the block's extent, not used in it
  public void logs(Profile profile, String what, int tail, boolean follow, PrintWriter out) {
    if (!what.equals("aws") && !profile.kubernetes().enabled()) {
      throw DevenvException.invalid("profile " + profile.name() + " runs no Kubernetes (kubernetes.enabled is false);"
          + " devenv logs shows aws");
    }
    if (what.equals("aws") || what.equals("k3s")) {
      engine().logs(projectDir, profile.name(), what, tail, follow, out::println);
      return;
    }
    Environment env = attach(profile);
    String namespace = what.contains("/") ? what.substring(0, what.indexOf('/')) : profile.kubernetes().namespace();
    String name = what.substring(what.indexOf('/') + 1);
    try (KubernetesClient client = Clusters.client(env.cluster())) {
      var deployment = client.apps().deployments().inNamespace(namespace).withName(name);
      if (deployment.get() == null) {
        throw DevenvException.invalid("no Deployment " + namespace + "/" + name + " in the cluster: try aws, k3s,"
            + " or one of kubectl -n " + namespace + " get deployments");
      }
      if (follow) {
        try (var watch = deployment.watchLog(new java.io.PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true))) {
          Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException stop) {
          Thread.currentThread().interrupt();
        }
      } else {
        String log = tail >= 0 ? deployment.tailingLines(tail).getLog() : deployment.getLog();
        out.print(log);
      }
    } catch (KubernetesClientException e) {
      throw DevenvException.failure("cannot read the log of " + namespace + "/" + name + ": " + e.getMessage(), e);
    }
  }
}
