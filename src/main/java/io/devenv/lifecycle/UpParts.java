package io.devenv.lifecycle;

import io.devenv.aws.AwsClients;
import io.devenv.aws.AwsProvisioner;
import io.devenv.aws.ConvergenceStamp;
import io.devenv.aws.ProvisionReport;
import io.devenv.aws.StampCopy;
import io.devenv.core.Progress;
import io.devenv.engine.Engine;
import io.devenv.engine.EngineChoice;
import io.devenv.engine.Engines;
import io.devenv.engine.SeedPool;
import io.devenv.environment.AwsAccess;
import io.devenv.environment.ClusterAccess;
import io.devenv.expose.PortForwards;
import io.devenv.expose.PortForwards.Forward;
import io.devenv.kubernetes.DeployReport;
import io.devenv.kubernetes.KubernetesDeployer;
import io.devenv.profile.Profile;
import io.devenv.environment.DevenvDir;
import io.devenv.seed.SeedFingerprint;
import io.devenv.seed.SeedReport;
import io.devenv.seed.Seeder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What {@link Up} runs, one interface per part, so that its order, deadlines and reports can be
 * tested with fakes of these interfaces.
 *
 * @param engine the engine, made when the engine step starts (connecting to Docker can fail)
 * @param stamps the AWS side's convergence stamp: when it matches, provisioner and seeder are skipped
 */
public record UpParts(Supplier<Engine> engine, Provisioner provisioner, SeedLoader seeder, Deployer deployer,
    Exposer exposer, AwsStamps stamps) {

  /** Parts without a convergence stamp: every up provisions and seeds. */
  public UpParts(Supplier<Engine> engine, Provisioner provisioner, SeedLoader seeder, Deployer deployer, Exposer exposer) {
    this(engine, provisioner, seeder, deployer, exposer, AwsStamps.NONE);
  }

  /** The AWS side's convergence stamp, kept in the emulator ({@link ConvergenceStamp}). */
  public interface AwsStamps {
    /** A stamp that never matches and is never written. */
    AwsStamps NONE = new AwsStamps() {
      @Override
      public Optional<ConvergenceStamp.Match> check(AwsAccess aws, Profile profile, Path projectDir) {
        return Optional.empty();
      }

      @Override
      public boolean record(AwsAccess aws, Profile profile, Path projectDir) {
        return false;
      }
    };

    /** The stamp, when it matches what the profile and its seed files say now. */
    Optional<ConvergenceStamp.Match> check(AwsAccess aws, Profile profile, Path projectDir);

    /**
     * Whether checking the stamp will likely need the AWS clients: then up builds them on a
     * background thread while the engine starts.
     */
    default boolean likelyNeedsClients(Path projectDir, Profile profile) {
      return true;
    }

    /** Records that the AWS side converged; false when the emulator would not keep it. */
    boolean record(AwsAccess aws, Profile profile, Path projectDir);
  }

  /** Creates the profile's AWS resources. */
  public interface Provisioner {
    ProvisionReport provision(AwsAccess aws, Profile profile, Progress progress);

    /**
     * @param emptyEmulator the emulator is a container this up created holding nothing yet: what
     *     it cannot hold need not be asked for ({@link AwsProvisioner#onEmptyEmulator})
     */
    default ProvisionReport provision(AwsAccess aws, Profile profile, Progress progress, boolean emptyEmulator) {
      return provision(aws, profile, progress);
    }
  }

  /** Loads the profile's seed data. */
  public interface SeedLoader {
    SeedReport seed(AwsAccess aws, Profile profile, boolean reset, Progress progress);

    /** @param emptyEmulator as for {@link Provisioner}: no seed record can be there ({@link Seeder#onEmptyEmulator}) */
    default SeedReport seed(AwsAccess aws, Profile profile, boolean reset, Progress progress, boolean emptyEmulator) {
      return seed(aws, profile, reset, progress);
    }
  }

  /** Applies the profile's Kubernetes part and waits until it is ready. */
  public interface Deployer {
    DeployReport deploy(ClusterAccess cluster, AwsAccess aws, Profile profile, String kubectl, Progress progress);
  }

  /** Starts the profile's port-forwards; they live until the returned handle is closed. */
  public interface Exposer {
    Forwarding forward(ClusterAccess cluster, Profile profile, Progress progress);
  }

  /** Port-forwards that run. */
  public interface Forwarding extends AutoCloseable {
    List<Forward> forwards();

    @Override
    void close();
  }

  /** The real parts, with the engine chosen by {@link Engines#early} (made now: build them before loading the profile). */
  public static UpParts real(EngineChoice choice, Map<String, String> environment) {
    return real(choice, environment, false);
  }

  /** @param verify apply and wait for every Kubernetes object, whatever its applied-set stamp says */
  public static UpParts real(EngineChoice choice, Map<String, String> environment, boolean verify) {
    return real(choice, environment, verify, false);
  }

  /** @param reset also apply the ConfigMap seeds over ConfigMaps a checkpoint restored (and so pass the stamp by) */
  public static UpParts real(EngineChoice choice, Map<String, String> environment, boolean verify, boolean reset) {
    AwsPipeline awsSteps = new AwsPipeline(environment, reset);
    return new UpParts(Engines.early(choice, environment), awsSteps, awsSteps,
        (cluster, aws, profile, kubectl, progress) -> deploy(cluster, aws, profile, kubectl, progress, verify || reset, reset),
        UpParts::forward, new RealStamps());
  }

  /**
   * The stamp in the emulator, over the profile and its seed files (hashes cached in .devenv/),
   * and its copy in .devenv/ for an emulator whose engine names its instance: when the copy
   * matches, no AWS client is built at all.
   */
  private static final class RealStamps implements AwsStamps {
    @Override
    public boolean likelyNeedsClients(Path projectDir, Profile profile) {
      return !StampCopy.exists(projectDir, profile.name());
    }

    @Override
    public Optional<ConvergenceStamp.Match> check(AwsAccess aws, Profile profile, Path projectDir) {
      Path dir = DevenvDir.ensure(projectDir);
      String seedHash = new SeedFingerprint(dir).of(profile.seed());
      StampCopy copy = new StampCopy(dir, aws, profile, seedHash, SeedFingerprint.targets(profile.seed()));
      Optional<ConvergenceStamp.Match> local = copy.check();
      if (local.isPresent()) {
        return local;
      }
      try (AwsClients clients = new AwsClients(aws)) {
        Optional<ConvergenceStamp.Match> found = stamp(clients, profile, seedHash).check();
        found.ifPresent(m -> copy.write(m.since(), m.resources()));
        return found;
      }
    }

    @Override
    public boolean record(AwsAccess aws, Profile profile, Path projectDir) {
      Path dir = DevenvDir.ensure(projectDir);
      String seedHash = new SeedFingerprint(dir).of(profile.seed());
      StampCopy copy = new StampCopy(dir, aws, profile, seedHash, SeedFingerprint.targets(profile.seed()));
      java.time.Instant now = java.time.Instant.now();
      boolean recorded;
      try (AwsClients clients = new AwsClients(aws)) {
        recorded = stamp(clients, profile, seedHash).record();
      }
      if (recorded) {
        copy.write(now, profile.aws().resourceCount());
      } else {
        copy.remove();
      }
      return recorded;
    }

    private static ConvergenceStamp stamp(AwsClients clients, Profile profile, String seedHash) {
      return new ConvergenceStamp(clients, profile, seedHash, SeedFingerprint.targets(profile.seed()));
    }
  }

  /** @param requests how many seed requests to keep in flight ({@link SeedPool}) */
  static SeedReport seed(AwsAccess aws, Profile profile, boolean reset, Progress progress, int requests) {
    return seed(aws, profile, reset, progress, requests, false);
  }

  static SeedReport seed(AwsAccess aws, Profile profile, boolean reset, Progress progress, int requests, boolean emptyEmulator) {
    try (AwsClients clients = new AwsClients(aws)) {
      return new Seeder(clients, progress, requests).onEmptyEmulator(emptyEmulator).seed(profile, reset);
    }
  }

  static DeployReport deploy(ClusterAccess cluster, AwsAccess aws, Profile profile, String kubectl, Progress progress,
      boolean verify) {
    return deploy(cluster, aws, profile, kubectl, progress, verify, false);
  }

  static DeployReport deploy(ClusterAccess cluster, AwsAccess aws, Profile profile, String kubectl, Progress progress,
      boolean verify, boolean reseed) {
    try (KubernetesClient client = Clusters.client(cluster)) {
      KubernetesDeployer deployer = new KubernetesDeployer(client, progress).withVerify(verify).withReseed(reseed);
      return (kubectl == null ? deployer : deployer.withKubectl(kubectl)).deploy(profile, aws);
    }
  }

  static Forwarding forward(ClusterAccess cluster, Profile profile, Progress progress) {
    KubernetesClient client = Clusters.client(cluster);
    PortForwards started = new PortForwards(client, progress);
    try {
      List<Forward> forwards = started.start(profile);
      return new Forwarding() {
        @Override
        public List<Forward> forwards() {
          return forwards;
        }

        @Override
        public void close() {
          started.close();
          client.close();
        }
      };
    } catch (RuntimeException e) {
      started.close();
      client.close();
      throw e;
    }
  }
}
