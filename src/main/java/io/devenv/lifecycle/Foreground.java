package io.devenv.lifecycle;

import io.devenv.core.ExitCode;
import io.devenv.core.Progress;
import io.devenv.engine.ContainerStatus;
import io.devenv.engine.DownReport;
import io.devenv.engine.Status;
import io.devenv.profile.Profile;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/**
 * {@code devenv up} without {@code --detach}: holds the environment until Ctrl-C, says when one of
 * its containers stops, and then removes it unless told to keep it.
 */
public final class Foreground {

  private static final Duration CHECK_EVERY = Duration.ofSeconds(5);

  private final UpOptions options;
  private final Progress progress;

  public Foreground(UpOptions options, Progress progress) {
    this.options = options;
    this.progress = progress;
  }

  /** Blocks until the thread is interrupted (Ctrl-C), then tears down unless {@code keep}. */
  public int hold(Profile profile, UpResult result, boolean keep) {
    Operations engine = new Operations(options.projectDir(), options.engine(), options.environment(), progress);
    boolean owned = engine.ownsEnvironment();
    progress.info(keep || !owned
        ? "Press Ctrl-C to stop watching; the environment stays up (devenv down removes it)."
        : "Press Ctrl-C to stop and remove the environment (devenv up --keep leaves it running).");
    Set<String> reported = new HashSet<>();
    try {
      while (true) {
        Thread.sleep(CHECK_EVERY.toMillis());
        if (owned) {
          reportStopped(engine.status(profile), reported);
        }
      }
    } catch (InterruptedException stop) {
      Thread.interrupted();
    }
    if (owned && !keep) {
      Progress.Step step = progress.start("Removing " + profile.name());
      DownReport down = engine.down(profile.name(), false);
      step.done(down.summary());
    }
    return ExitCode.OK;
  }

  private void reportStopped(Status status, Set<String> reported) {
    for (ContainerStatus c : status.containers()) {
      if (!c.running() && reported.add(c.name())) {
        progress.info("✗ " + c.role() + " container " + c.name() + " is " + c.state()
            + ": see devenv logs " + c.role() + ", then run devenv up again");
      }
    }
  }
}
