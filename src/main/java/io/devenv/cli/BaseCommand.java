package io.devenv.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** A subcommand of {@code devenv}: builds its {@link Context} and returns an exit code. */
abstract class BaseCommand implements Callable<Integer> {

  @ParentCommand
  DevenvCommand parent;

  @picocli.CommandLine.Mixin
  HelpMixin help;

  @Spec
  CommandSpec spec;

  @Override
  public final Integer call() throws Exception {
    Context context = new Context(parent.global, spec.commandLine().getOut(), spec.commandLine().getErr());
    return execute(context);
  }

  protected abstract int execute(Context context) throws Exception;
}
