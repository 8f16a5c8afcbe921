package io.devenv.lifecycle;

import io.devenv.core.Progress;
import io.devenv.engine.ExternalEngine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * How {@link Up} runs.
 *
 * @param projectDir where {@code .devenv/} is written and what labels the containers
 * @param engine where things run
 * @param external the external engine's endpoints (used with {@link Engine#EXTERNAL})
 * @param reset re-load seed data even where it is up to date
 * @param verify check every resource and seed even when the convergence stamp says nothing changed
 * @param keepOnFailure leave what a failed start created, for inspection
 * @param timeout the whole {@code up}, or null for no bound beyond each step's own
 * @param portForwards start the profile's port-forwards (they live as long as this process)
 * @param environment the process environment (tokens, {@code ${VAR}}, KUBECONFIG)
 * @param progress where steps are reported
 */
public record UpOptions(
    Path projectDir,
    Engine engine,
    ExternalEngine.Options external,
    boolean reset,
    boolean verify,
    boolean keepOnFailure,
    Duration timeout,
    boolean portForwards,
    Map<String, String> environment,
    Progress progress) {

  /** Where an environment runs. */
  public enum Engine {
    /** Containers started (or found again) by devenv in the local Docker. */
    DOCKER,
    /** An AWS endpoint and a cluster that already run. */
    EXTERNAL
  }

  public UpOptions {
    environment = Map.copyOf(environment);
  }

  /** Docker, no reset, the process environment, silent. */
  public static UpOptions docker(Path projectDir) {
    return new UpOptions(projectDir, Engine.DOCKER, new ExternalEngine.Options(null, false, null, null), false, false, false,
        null, true, System.getenv(), Progress.SILENT);
  }

  public static UpOptions external(Path projectDir, ExternalEngine.Options external) {
    return new UpOptions(projectDir, Engine.EXTERNAL, external, false, false, false, null, true, System.getenv(), Progress.SILENT);
  }

  public UpOptions withProgress(Progress p) {
    return new UpOptions(projectDir, engine, external, reset, verify, keepOnFailure, timeout, portForwards, environment, p);
  }

  public UpOptions withReset(boolean r) {
    return new UpOptions(projectDir, engine, external, r, verify, keepOnFailure, timeout, portForwards, environment, progress);
  }

  public UpOptions withVerify(boolean v) {
    return new UpOptions(projectDir, engine, external, reset, v, keepOnFailure, timeout, portForwards, environment, progress);
  }

  public UpOptions withKeepOnFailure(boolean k) {
    return new UpOptions(projectDir, engine, external, reset, verify, k, timeout, portForwards, environment, progress);
  }

  public UpOptions withPortForwards(boolean f) {
    return new UpOptions(projectDir, engine, external, reset, verify, keepOnFailure, timeout, f, environment, progress);
  }

  public UpOptions withTimeout(Duration t) {
    return new UpOptions(projectDir, engine, external, reset, verify, keepOnFailure, t, portForwards, environment, progress);
  }
}
