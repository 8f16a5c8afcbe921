package io.devenv.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code devenv checkpoint}: groups the verbs on saved environment data. */
@Command(name = "checkpoint",
    description = "Save the environment's data under a name, restore it in seconds, turn it into seed fixtures.",
    subcommands = {CheckpointSaveCommand.class, CheckpointRestoreCommand.class, CheckpointListCommand.class,
        CheckpointRmCommand.class, CheckpointExportCommand.class})
final class CheckpointCommand implements Runnable {

  @ParentCommand
  DevenvCommand parent;

  @picocli.CommandLine.Mixin
  HelpMixin help;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** A verb under {@code checkpoint}: builds the {@link Context} from the top command's options. */
  abstract static class Verb implements java.util.concurrent.Callable<Integer> {
    @ParentCommand
    CheckpointCommand group;

    @picocli.CommandLine.Mixin
    HelpMixin help;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public final Integer call() throws Exception {
      return execute(new Context(group.parent.global, spec.commandLine().getOut(), spec.commandLine().getErr()));
    }

    protected abstract int execute(Context context) throws Exception;
  }
}
