package io.devenv.lifecycle;

import io.devenv.aws.AwsClients;
import io.devenv.checkpoint.CheckpointExporter;
import io.devenv.checkpoint.CheckpointName;
import io.devenv.checkpoint.CheckpointRestorer;
import io.devenv.checkpoint.CheckpointSaver;
import io.devenv.checkpoint.CheckpointStore;
import io.devenv.checkpoint.Manifest;
import io.devenv.core.DevenvException;
import io.devenv.core.ExitCode;
import io.devenv.core.Progress;
import io.devenv.environment.Environment;
import io.devenv.kubernetes.SeededConfigMaps;
import io.devenv.profile.Profile;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.devenv.seed.SeedReport;
import java.nio.file.Path;
import java.util.List;

/**
 * The checkpoint operations, as the CLI and the JUnit extension call them: the environment is
 * found through {@link Operations} (the engine asked for, or the one the last up used), and
 * every operation that reads or changes its data holds the project lock, so a restore never runs
 * beside an {@code up} or a seed of the same project.
 */
public final class Checkpoints {
  private final Path projectDir;
  private final Operations operations;
  private final Progress progress;

  /** For list, rm and export, which touch only the project's files. */
  public Checkpoints(Path projectDir, Progress progress) {
    this(projectDir, null, progress);
  }

  public Checkpoints(Path projectDir, Operations operations, Progress progress) {
    this.projectDir = projectDir;
    this.operations = operations;
    this.progress = progress;
  }

  public CheckpointStore store() {
    return new CheckpointStore(projectDir);
  }

  /** Saves the data of the profile's running environment. */
  public Manifest save(Profile profile, CheckpointName name, String devenvVersion) {
    return save(attach(profile), name, devenvVersion);
  }

  @SuppressWarnings("try") // the lock is held for the block's extent, not used in it
  public Manifest save(Environment env, CheckpointName name, String devenvVersion) {
    try (ProjectLock lock = ProjectLock.acquire(projectDir, Up.LOCK_WAIT, progress); AwsClients aws = clients(env);
        KubernetesClient kube = kube(env)) {
      return new CheckpointSaver(aws, store(), progress, devenvVersion, configMaps(kube)).save(env.profile(), name);
    }
  }

  /** Restores a checkpoint into the profile's running environment. */
  public SeedReport restore(Profile profile, CheckpointName name) {
    return restore(attach(profile), name);
  }

  /** Restores a checkpoint into an environment already at hand (the JUnit extension's). */
  @SuppressWarnings("try") // the lock is held for the block's extent, not used in it
  public SeedReport restore(Environment env, CheckpointName name) {
    try (ProjectLock lock = ProjectLock.acquire(projectDir, Up.LOCK_WAIT, progress); AwsClients aws = clients(env);
        KubernetesClient kube = kube(env)) {
      return new CheckpointRestorer(aws, store(), progress, seedRequests(env.profile()), configMaps(kube)).restore(env.profile(), name);
    }
  }

  /** The emulator's seed pool, as up and seed use it: a restore loads at the same speed. */
  private int seedRequests(Profile profile) {
    return operations != null ? operations.seedRequests(profile) : io.devenv.engine.SeedPool.size(profile, System.getenv());
  }

  @SuppressWarnings("try") // the lock is held for the block's extent, not used in it
  public void remove(CheckpointName name) {
    try (ProjectLock lock = ProjectLock.acquire(projectDir, Up.LOCK_WAIT, progress)) {
      store().remove(name);
    }
  }

  public List<CheckpointStore.Entry> list() {
    return store().list();
  }

  /** Writes the checkpoint as fixtures in {@code to}; returns the seed section's file. */
  public Path export(CheckpointName name, Path to, Path relativeTo) {
    return new CheckpointExporter(store()).export(name, to, relativeTo);
  }

  private Environment attach(Profile profile) {
    if (operations == null) {
      throw new IllegalStateException("these checkpoints were made without an engine: they cannot reach an environment");
    }
    return operations.attach(profile);
  }

  /** A client for the cluster when the profile seeds ConfigMaps there; else null. */
  private static KubernetesClient kube(Environment env) {
    return env.cluster() == null || SeededConfigMaps.declared(env.profile()).isEmpty() ? null : Clusters.client(env.cluster());
  }

  private static SeededConfigMaps configMaps(KubernetesClient kube) {
    return kube == null ? null : new SeededConfigMaps(kube);
  }

  private static AwsClients clients(Environment env) {
    if (env.aws() == null) {
      throw new DevenvException(ExitCode.INVALID_INPUT, "profile " + env.profile().name()
          + " declares no AWS resources: a checkpoint has nothing to hold");
    }
    return new AwsClients(env.aws());
  }
}
