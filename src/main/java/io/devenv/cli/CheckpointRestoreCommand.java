package io.devenv.cli;

import io.devenv.checkpoint.CheckpointName;
import io.devenv.core.ExitCode;
import io.devenv.profile.Profile;
import io.devenv.seed.SeedReport;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code devenv checkpoint restore NAME}. */
@Command(name = "restore", description = "Empty every declared resource and load checkpoint NAME into it.")
final class CheckpointRestoreCommand extends CheckpointCommand.Verb {

  @Mixin
  EngineMixin engine;

  @Parameters(paramLabel = "NAME", description = "A checkpoint of this profile ('devenv checkpoint list').")
  String name;

  @Override
  protected int execute(Context context) {
    CheckpointName checkpoint = new CheckpointName(name);
    Profile profile = context.profile();
    SeedReport report = engine.checkpoints(context).restore(profile, checkpoint);
    if (context.json()) {
      context.printJson(Map.of("checkpoint", checkpoint.value(), "profile", profile.name(), "loaded", report.loaded(),
          "elapsed", report.elapsed()));
    } else {
      context.out().println("Restored checkpoint " + checkpoint + " into " + profile.name() + ": " + report.loaded()
          + " records loaded in " + io.devenv.core.Progress.seconds(report.elapsed()) + ".");
    }
    return ExitCode.OK;
  }
}
