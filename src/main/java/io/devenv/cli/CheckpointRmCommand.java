package io.devenv.cli;

import io.devenv.checkpoint.CheckpointName;
import io.devenv.core.ExitCode;
import io.devenv.lifecycle.Checkpoints;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code devenv checkpoint rm NAME}. */
@Command(name = "rm", description = "Remove checkpoint NAME.")
final class CheckpointRmCommand extends CheckpointCommand.Verb {

  @Parameters(paramLabel = "NAME")
  String name;

  @Override
  protected int execute(Context context) {
    CheckpointName checkpoint = new CheckpointName(name);
    new Checkpoints(context.projectDir(), context.progress()).remove(checkpoint);
    context.out().println("Removed checkpoint " + checkpoint + ".");
    return ExitCode.OK;
  }
}
