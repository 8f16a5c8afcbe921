package io.devenv.core;

import java.util.List;

/**
 * One step of {@code up} as its part describes it: {@code devenv plan} prints it, and {@code up}
 * reports progress under its {@link #name()}, so the two cannot drift apart.
 *
 * @param phase engine, aws, seed, kubernetes or expose
 * @param action what is done, e.g. "AWS"
 * @param target what it is done to, e.g. "2 queues"
 * @param details what else matters, one short phrase each
 */
public record PlannedStep(String phase, String action, String target, List<String> details) {

  public PlannedStep {
    details = List.copyOf(details);
  }

  /** The name {@code up}'s progress line starts with: action, then target. */
  public String name() {
    return target.isEmpty() ? action : action + " " + target;
  }
}
