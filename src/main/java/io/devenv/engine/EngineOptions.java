package io.devenv.engine;

import io.devenv.core.Progress;
import io.devenv.core.Timings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * How {@link Engine#start} runs.
 *
 * @param projectDir the project directory: its hash labels the containers; {@code .devenv/} lives there
 * @param keepOnFailure leave what a failed or interrupted start created, for inspection
 * @param awsHostPort publish the emulator on this port of 127.0.0.1; 0 picks a free one
 * @param startupTimeout how long each container may take to become ready
 * @param environment the process environment (LOCALSTACK_AUTH_TOKEN is read from it)
 * @param progress where steps are reported
 * @param timings where the start's phases (container created and started, healthy) are recorded
 * @param beforeEmulatorCreated run once, on the start's own thread, just before an emulator
 *     container is created (not when one is reused): the caller's cue to use the JVM's idle time
 *     during the container's boot; never fails the start
 */
public record EngineOptions(
    Path projectDir,
    boolean keepOnFailure,
    int awsHostPort,
    Duration startupTimeout,
    Map<String, String> environment,
    Progress progress,
    Timings timings,
    Runnable beforeEmulatorCreated) {

  public EngineOptions {
    environment = Map.copyOf(environment);
  }

  /** Defaults: random port, 3 minutes to start, no progress. */
  public static EngineOptions of(Path projectDir) {
    return new EngineOptions(projectDir, false, 0, Duration.ofMinutes(3), System.getenv(),
        Progress.SILENT, Timings.unrecorded(), () -> {});
  }

  public EngineOptions withKeepOnFailure(boolean keep) {
    return new EngineOptions(projectDir, keep, awsHostPort, startupTimeout, environment, progress, timings, beforeEmulatorCreated);
  }

  public EngineOptions withAwsHostPort(int port) {
    return new EngineOptions(projectDir, keepOnFailure, port, startupTimeout, environment, progress, timings, beforeEmulatorCreated);
  }

  public EngineOptions withStartupTimeout(Duration timeout) {
    return new EngineOptions(projectDir, keepOnFailure, awsHostPort, timeout, environment, progress, timings, beforeEmulatorCreated);
  }

  public EngineOptions withEnvironment(Map<String, String> env) {
    return new EngineOptions(projectDir, keepOnFailure, awsHostPort, startupTimeout, env, progress, timings, beforeEmulatorCreated);
  }

  public EngineOptions withTimings(Timings t) {
    return new EngineOptions(projectDir, keepOnFailure, awsHostPort, startupTimeout, environment, progress, t, beforeEmulatorCreated);
  }

  public EngineOptions withBeforeEmulatorCreated(Runnable hook) {
    return new EngineOptions(projectDir, keepOnFailure, awsHostPort, startupTimeout, environment, progress, timings, hook);
  }

  public EngineOptions withProgress(Progress p) {
    return new EngineOptions(projectDir, keepOnFailure, awsHostPort, startupTimeout, environment, p, timings, beforeEmulatorCreated);
  }
}
