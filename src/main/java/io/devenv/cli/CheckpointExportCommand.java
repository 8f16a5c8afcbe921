package io.devenv.cli;

import io.devenv.checkpoint.CheckpointName;
import io.devenv.core.ExitCode;
import io.devenv.lifecycle.Checkpoints;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code devenv checkpoint export NAME --to DIR}. */
@Command(name = "export", description = "Write checkpoint NAME as seed fixtures in DIR, with DIR/seed.yaml: a seed section that loads them.")
final class CheckpointExportCommand extends CheckpointCommand.Verb {

  @Parameters(paramLabel = "NAME")
  String name;

  @Option(names = "--to", required = true, paramLabel = "DIR", description = "A new or empty directory, e.g. fixtures/after-signup.")
  Path to;

  @Option(names = "--relative-to", paramLabel = "DIR",
      description = "The directory of the profile file the seed section will go in; its paths are relative to it"
          + " (default: the directory of the selected profile).")
  Path relativeTo;

  @Override
  protected int execute(Context context) {
    Path base = relativeTo != null ? relativeTo : context.profileFile().toAbsolutePath().getParent();
    Path file = new Checkpoints(context.projectDir(), context.progress()).export(new CheckpointName(name), to, base);
    context.out().println("Exported checkpoint " + name + " to " + to + "; its seed section is " + file
        + " (paths relative to " + base + ").");
    return ExitCode.OK;
  }
}
