package io.devenv.cli;

import io.devenv.core.ExitCode;
import io.devenv.profile.Profile;
import picocli.CommandLine.Command;

/** {@code devenv plan}: what {@code up} would do, without Docker. */
@Command(name = "plan", description = "Print the steps 'up' would take, in order, without starting anything.")
final class PlanCommand extends BaseCommand {

  @Override
  protected int execute(Context context) {
    Profile profile = context.profile();
    context.out().println("Plan for " + profile.name() + ": " + ProfilesCommand.contents(profile));
    return ExitCode.OK;
  }
}
