package io.devenv.plan;

import java.util.Map;

/** The plan as people read it: numbered steps grouped by phase. */
public final class PlanText {

  private static final Map<String, String> PHASES = Map.of(
      "engine", "Engine", "aws", "AWS resources", "seed", "Seed data", "kubernetes", "Kubernetes", "expose", "Access");

  private PlanText() {}

  public static String render(Plan plan) {
    StringBuilder out = new StringBuilder();
    out.append("Plan for ").append(plan.profile()).append(" (").append(plan.file()).append("): ")
        .append(plan.steps().size()).append(" steps\n");
    int width = plan.steps().stream().mapToInt(s -> s.action().length()).max().orElse(10);
    String phase = null;
    for (Plan.Step s : plan.steps()) {
      if (!s.phase().equals(phase)) {
        phase = s.phase();
        out.append('\n').append(PHASES.getOrDefault(phase, phase)).append('\n');
      }
      out.append(String.format("%4d. %-" + width + "s  %s%n", s.index(), s.action(), s.target()));
      for (String d : s.details()) {
        out.append(" ".repeat(width + 8)).append("· ").append(d).append('\n');
      }
    }
    return out.toString();
  }
}
