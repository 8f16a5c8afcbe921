package io.devenv.cli;

import io.devenv.core.ExitCode;
import io.devenv.engine.DownReport;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code devenv down}: removes the profile's containers and network. */
@Command(name = "down", description = "Remove the profile's containers and network (and with --volumes, its state).")
final class DownCommand extends BaseCommand {

  @Mixin
  EngineMixin engine;

  @Option(names = "--volumes", description = "Also remove the emulator's state volume.")
  boolean volumes;

  @Option(names = "--all", description = "Every profile of this project, not just the selected one.")
  boolean all;

  @Override
  protected int execute(Context context) {
    String profile = all ? null : context.profile().name();
    DownReport report = engine.operations(context).down(profile, volumes);
    if (context.json()) {
      context.printJson(Map.of("containers", report.containers(), "networks", report.networks(), "volumes", report.volumes()));
    } else {
      String what = all ? "every profile of " + io.devenv.profile.Origin.display(context.projectDir()) : profile;
      context.out().println(report.removedNothing() ? "Nothing of " + what + " was running." : "Removed " + what + ": " + report.summary());
    }
    return ExitCode.OK;
  }
}
