package io.devenv.cli;

import io.devenv.checkpoint.CheckpointName;
import io.devenv.checkpoint.Manifest;
import io.devenv.core.ExitCode;
import io.devenv.profile.Profile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code devenv checkpoint save NAME}. */
@Command(name = "save", description = "Save the data of every declared resource as checkpoint NAME (replacing one of that name).")
final class CheckpointSaveCommand extends CheckpointCommand.Verb {

  @Mixin
  EngineMixin engine;

  @Parameters(paramLabel = "NAME", description = "Letters, digits, '.', '_' or '-', e.g. after-signup.")
  String name;

  @Override
  protected int execute(Context context) {
    CheckpointName checkpoint = new CheckpointName(name);
    Profile profile = context.profile();
    Manifest m = engine.checkpoints(context).save(profile, checkpoint, VersionProvider.version());
    if (context.json()) {
      context.printJson(m);
    } else {
      context.out().println("Saved checkpoint " + checkpoint + " of " + profile.name() + ": " + m.summary() + ".");
    }
    return ExitCode.OK;
  }
}
