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
import io.devenv.engine.Environment;
import io.devenv.engine.ProjectLock;
import io.devenv.seed.SeedReport;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The checkpoint operations on a running environment, as the CLI and the JUnit extension call
 * them: each holds the project lock while it reads or changes the environment's data, so a
 * restore never runs beside an {@code up} or a seed of the same project.
 */
public final class Checkpoints {
  static final Duration LOCK_WAIT = Duration.ofMinutes(2);

  private final Path projectDir;
  private final Progress progress;

  public Checkpoints(Path projectDir, Progress progress) {
    this.projectDir = projectDir;
    this.progress = progress;
  }

  public CheckpointStore store() {
    return new CheckpointStore(projectDir);
  }

  @SuppressWarnings("try") // the lock is held for the block's extent, not used in it
  public Manifest save(Environment env, CheckpointName name, String devenvVersion) {
    try (ProjectLock lock = ProjectLock.acquire(projectDir, LOCK_WAIT, progress); AwsClients aws = clients(env)) {
      return new CheckpointSaver(aws, store(), progress, devenvVersion).save(env.profile(), name);
    }
  }

  @SuppressWarnings("try") // the lock is held for the block's extent, not used in it
  public SeedReport restore(Environment env, CheckpointName name) {
    try (ProjectLock lock = ProjectLock.acquire(projectDir, LOCK_WAIT, progress); AwsClients aws = clients(env)) {
      return new CheckpointRestorer(aws, store(), progress).restore(env.profile(), name);
    }
  }

  @SuppressWarnings("try") // the lock is held for the block's extent, not used in it
  public void remove(CheckpointName name) {
    try (ProjectLock lock = ProjectLock.acquire(projectDir, LOCK_WAIT, progress)) {
      store().remove(name);
    }
  }

  public java.util.List<CheckpointStore.Entry> list() {
    return store().list();
  }

  /** Writes the checkpoint as fixtures in {@code to}; returns the seed section's file. */
  public Path export(CheckpointName name, Path to, Path relativeTo) {
    return new CheckpointExporter(store()).export(name, to, relativeTo);
  }

  private static AwsClients clients(Environment env) {
    if (env.aws() == null) {
      throw new DevenvException(ExitCode.INVALID_INPUT, "profile " + env.profile().name()
          + " declares no AWS resources: a checkpoint has nothing to hold");
    }
    return new AwsClients(env.aws());
  }
}
