package io.devenv.lifecycle;

import io.devenv.aws.AwsClients;
import io.devenv.aws.AwsProvisioner;
import io.devenv.aws.ProvisionReport;
import io.devenv.aws.ResourceGate;
import io.devenv.core.DevenvException;
import io.devenv.core.ExitCode;
import io.devenv.core.Progress;
import io.devenv.engine.SeedPool;
import io.devenv.environment.AwsAccess;
import io.devenv.profile.Profile;
import io.devenv.seed.SeedReport;
import io.devenv.seed.Seeder;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * up's real provisioner and seeder. On an emulator known empty (a container this up created) and
 * without {@code --reset}, the seed data starts loading while the resources are still being made:
 * the files are read and checked at once, and each target loads as soon as its own resource exists
 * ({@link ResourceGate}); up's seed step then waits for what is left. Both share one set of
 * clients. Anywhere else, the two run one after the other, as they always did.
 */
final class AwsPipeline implements UpParts.Provisioner, UpParts.SeedLoader {
  /** How long a stopped seeding is waited for. */
  private static final long STOP_WAIT_MILLIS = 5_000;

  private final Map<String, String> environment;
  private final boolean reset;
  /** The seeding started beside the provisioning, until the seed step takes it. */
  private Seeding seeding;

  /** Seed data loading on its own thread, with the clients it shares with the provisioning. */
  private record Seeding(FutureTask<SeedReport> task, Thread thread, AwsClients clients) {
    SeedReport join() {
      try {
        return task.get();
      } catch (InterruptedException e) {
        stop();
        Thread.currentThread().interrupt();
        throw new DevenvException(ExitCode.INTERRUPTED, "Interrupted while loading seed data", e);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RuntimeException r) {
          throw r;
        }
        throw DevenvException.failure("seed data: " + e.getCause(), e.getCause());
      } finally {
        clients.close();
      }
    }

    void stop() {
      task.cancel(true);
      try {
        thread.join(STOP_WAIT_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      clients.close();
    }
  }

  /** @param reset whether this up reloads the seed data (then seeding waits for every resource, as before) */
  AwsPipeline(Map<String, String> environment, boolean reset) {
    this.environment = environment;
    this.reset = reset;
  }

  @Override
  public ProvisionReport provision(AwsAccess aws, Profile profile, Progress progress) {
    return provision(aws, profile, progress, false);
  }

  @Override
  public synchronized ProvisionReport provision(AwsAccess aws, Profile profile, Progress progress, boolean emptyEmulator) {
    AwsClients clients = new AwsClients(aws);
    AwsProvisioner provisioner = new AwsProvisioner(clients, progress).onEmptyEmulator(emptyEmulator);
    Seeding started = null;
    if (emptyEmulator && !reset && hasAwsSeeds(profile)) {
      ResourceGate gate = new ResourceGate();
      provisioner.withGate(gate);
      started = startSeeding(clients, profile, progress, gate);
    }
    try {
      ProvisionReport report = provisioner.provision(profile);
      seeding = started;
      return report;
    } catch (RuntimeException e) {
      if (started != null) {
        started.stop(); // its targets' gates failed: it ends without writing more
      }
      throw e;
    } finally {
      if (started == null) {
        clients.close();
      }
    }
  }

  private static boolean hasAwsSeeds(Profile profile) {
    return !profile.seed().buckets().isEmpty() || !profile.seed().tables().isEmpty() || !profile.seed().queues().isEmpty();
  }

  private Seeding startSeeding(AwsClients clients, Profile profile, Progress progress, ResourceGate gate) {
    FutureTask<SeedReport> task = new FutureTask<>(() -> new Seeder(clients, progress, SeedPool.size(profile, environment))
        .onEmptyEmulator(true).after(gate).seed(profile, false));
    Thread thread = new Thread(task, "devenv-seed-beside-provisioning");
    thread.setDaemon(true);
    thread.start();
    return new Seeding(task, thread, clients);
  }

  @Override
  public SeedReport seed(AwsAccess aws, Profile profile, boolean reset, Progress progress) {
    return seed(aws, profile, reset, progress, false);
  }

  @Override
  public synchronized SeedReport seed(AwsAccess aws, Profile profile, boolean reset, Progress progress, boolean emptyEmulator) {
    Seeding started = seeding;
    seeding = null;
    if (started != null) {
      return started.join();
    }
    return UpParts.seed(aws, profile, reset, progress, SeedPool.size(profile, environment), emptyEmulator);
  }
}
