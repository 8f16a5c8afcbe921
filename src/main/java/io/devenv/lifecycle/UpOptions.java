package io.devenv.lifecycle;

import io.devenv.core.Progress;
import io.devenv.engine.EngineChoice;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * How {@link Up} runs.
 *
 * @param projectDir where {@code .devenv/} is written and what labels the containers
 * @param engine where things run (and, for the external engine, where its endpoints are)
 * @param reset re-load seed data even where it is up to date
 * @param verify check every resource and seed, and apply every object, even when the convergence
 *     stamps say nothing changed
 * @param keepOnFailure leave what a failed start created, for inspection
 * @param timeout the whole {@code up}, or null for no bound beyond each step's own
 * @param portForwards start the profile's port-forwards (they live as long as this process)
 * @param environment the process environment (tokens, {@code ${VAR}}, KUBECONFIG)
 * @param progress where steps are reported
 */
public record UpOptions(
    Path projectDir,
    EngineChoice engine,
    boolean reset,
    boolean verify,
    boolean keepOnFailure,
    Duration timeout,
    boolean portForwards,
    Map<String, String> environment,
    Progress progress) {

  public UpOptions {
    environment = Map.copyOf(environment);
  }

  /** Docker, no reset, the process environment, silent. */
  public static UpOptions docker(Path projectDir) {
    return of(projectDir, EngineChoice.docker());
  }

  /** The engine chosen, no reset, the process environment, silent. */
  public static UpOptions of(Path projectDir, EngineChoice engine) {
    return new UpOptions(projectDir, engine, false, false, false, null, true, System.getenv(), Progress.SILENT);
  }

  public UpOptions withProgress(Progress p) {
    return new UpOptions(projectDir, engine, reset, verify, keepOnFailure, timeout, portForwards, environment, p);
  }

  public UpOptions withReset(boolean r) {
    return new UpOptions(projectDir, engine, r, verify, keepOnFailure, timeout, portForwards, environment, progress);
  }

  public UpOptions withVerify(boolean v) {
    return new UpOptions(projectDir, engine, reset, v, keepOnFailure, timeout, portForwards, environment, progress);
  }

  public UpOptions withKeepOnFailure(boolean k) {
    return new UpOptions(projectDir, engine, reset, verify, k, timeout, portForwards, environment, progress);
  }

  public UpOptions withPortForwards(boolean f) {
    return new UpOptions(projectDir, engine, reset, verify, keepOnFailure, timeout, f, environment, progress);
  }

  public UpOptions withTimeout(Duration t) {
    return new UpOptions(projectDir, engine, reset, verify, keepOnFailure, t, portForwards, environment, progress);
  }
}
