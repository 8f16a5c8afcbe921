package io.devenv.plan;

import io.devenv.profile.Origin;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Collects steps, numbering them. */
final class PlanBuilder {

  private final List<Plan.Step> steps = new ArrayList<>();

  void step(String phase, String action, String target, List<String> details) {
    steps.add(new Plan.Step(steps.size() + 1, phase, action, target, List.copyOf(details)));
  }

  List<Plan.Step> steps() {
    return List.copyOf(steps);
  }

  /** A path as the user would type it (relative to the working directory when under it). */
  static String display(Path path) {
    return Origin.display(path);
  }
}
