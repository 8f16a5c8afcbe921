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
 */
public record EngineOptions(
    Path projectDir,
    boolean keepOnFailure,
    int awsHostPort,
    Duration startupTimeout,
    Map<String, String> environment,
    Progress progress,
    Timings timings) {

  public EngineOptions {
    environment = Map.copyOf(environment);
  }

  /** Defaults: random port, 3 minutes to start, no progress. */
  public static EngineOptions of(Path projectDir) {
    return new EngineOptions(projectDir, false, 0, Duration.ofMinutes(3), System.getenv(),
        Progress.SILENT, Timings.unrecorded());
  }

  public EngineOptions withKeepOnFailure(boolean keep) {
    return new EngineOptions(projectDir, keep, awsHostPort, startupTimeout, environment, progress, timings);
  }

  public EngineOptions withAwsHostPort(int port) {
    return new EngineOptions(projectDir, keepOnFailure, port, startupTimeout, environment, progress, timings);
  }

  public EngineOptions withStartupTimeout(Duration timeout) {
    return new EngineOptions(projectDir, keepOnFailure, awsHostPort, timeout, environment, progress, timings);
  }

  public EngineOptions withEnvironment(Map<String, String> env) {
    return new EngineOptions(projectDir, keepOnFailure, awsHostPort, startupTimeout, env, progress, timings);
  }

  public EngineOptions withTimings(Timings t) {
    return new EngineOptions(projectDir, keepOnFailure, awsHostPort, startupTimeout, environment, progress, t);
  }

  public EngineOptions withProgress(Progress p) {
    return new EngineOptions(projectDir, keepOnFailure, awsHostPort, startupTimeout, environment, p, timings);
  }
}
