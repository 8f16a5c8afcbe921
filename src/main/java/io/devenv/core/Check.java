package io.devenv.core;

import java.time.Duration;

/**
 * One readiness check of an environment: the emulator answered, a resource kind converged, a
 * rollout completed. CI reports show one test case per check.
 *
 * @param group what it belongs to: engine, aws, seed, kubernetes, expose
 * @param name what was checked, e.g. "Deployment vod/catalog-api"
 * @param ok whether it passed
 * @param duration how long it took
 * @param failure the failure report, or null when it passed
 */
public record Check(String group, String name, boolean ok, Duration duration, String failure) {

  public static Check passed(String group, String name, Duration duration) {
    return new Check(group, name, true, duration, null);
  }

  public static Check failed(String group, String name, Duration duration, String failure) {
    return new Check(group, name, false, duration, failure);
  }
}
