package io.devenv.cli;

import io.devenv.core.ExitCode;
import io.devenv.engine.EngineKind;
import io.devenv.plan.Plan;
import io.devenv.plan.PlanText;
import io.devenv.plan.Planner;
import picocli.CommandLine.Command;

/** {@code devenv plan}: what {@code up} would do, without Docker. */
@Command(name = "plan", description = "Print the steps 'up' would take, in order, without starting anything.")
final class PlanCommand extends BaseCommand {

  @picocli.CommandLine.Mixin
  TerraformMixin terraform;

  @picocli.CommandLine.Mixin
  EngineMixin engine;

  @Override
  protected int execute(Context context) {
    var profile = context.profile();
    terraform.check(profile, context.err(), false); // the plan lists them as steps
    // What up would refuse, plan refuses too, before printing steps that would not happen.
    io.devenv.lifecycle.ProfileChecks.manifests(profile, context.checkCache());
    // The engine's own steps differ (external starts nothing); without --engine, up's default: docker.
    EngineKind kind = engine.engine == null ? EngineKind.DOCKER : engine.engine;
    Plan plan = new Planner(System.getenv(), context.checkCache()).plan(profile, context.projectDir(), kind, true, engine.awsEndpoint);
    if (context.json()) {
      context.printJson(plan);
    } else {
      context.out().print(PlanText.render(plan));
    }
    return ExitCode.OK;
  }
}
