package io.devenv.cli;

import io.devenv.core.ExitCode;
import io.devenv.engine.DockerEngine;
import io.devenv.engine.DownReport;
import io.devenv.expose.EnvFile;
import io.devenv.expose.KubeconfigFile;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code devenv down}: removes the profile's containers and network. */
@Command(name = "down", description = "Remove the profile's containers and network (and with --volumes, its state).")
final class DownCommand extends BaseCommand {

  @Option(names = "--volumes", description = "Also remove the emulator's state volume.")
  boolean volumes;

  @Option(names = "--all", description = "Every profile of this project, not just the selected one.")
  boolean all;

  @Override
  protected int execute(Context context) throws IOException {
    String profile = all ? null : context.profile().name();
    DownReport report = DockerEngine.connect().down(context.projectDir(), profile, volumes);
    // The files point at what was just removed; leaving them would mislead the next shell.
    Files.deleteIfExists(EnvFile.path(context.projectDir()));
    Files.deleteIfExists(KubeconfigFile.path(context.projectDir()));
    if (context.json()) {
      context.printJson(Map.of("containers", report.containers(), "networks", report.networks(), "volumes", report.volumes()));
    } else {
      String what = all ? "every profile of " + io.devenv.profile.Origin.display(context.projectDir()) : profile;
      context.out().println(report.removedNothing() ? "Nothing of " + what + " was running." : "Removed " + what + ": " + report.summary());
    }
    return ExitCode.OK;
  }
}
