package io.devenv.cli;

import io.devenv.core.DevenvException;
import io.devenv.core.ExitCode;
import io.devenv.expose.EnvFile;
import io.devenv.profile.Origin;
import java.nio.file.Files;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code devenv env}: the environment's variables as shell exports. */
@Command(name = "env", description = "Print export lines for the running environment: eval \"$(devenv env)\".")
final class EnvCommand extends BaseCommand {

  @Override
  protected int execute(Context context) {
    if (!Files.exists(EnvFile.path(context.projectDir()))) {
      throw new DevenvException(ExitCode.FAILURE, "no environment is up in " + Origin.display(context.projectDir())
          + " (" + Origin.display(EnvFile.path(context.projectDir())) + " is missing): run devenv up first");
    }
    Map<String, String> vars = EnvFile.read(context.projectDir());
    if (context.json()) {
      context.printJson(vars);
    } else {
      context.out().print(EnvFile.exports(vars));
    }
    return ExitCode.OK;
  }
}
