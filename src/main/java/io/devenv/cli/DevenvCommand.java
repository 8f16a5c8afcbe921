package io.devenv.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code devenv}: the top command; it only holds the global options and lists the others. */
@Command(name = "devenv",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Runs a cloud application's AWS services and Kubernetes deployment on this machine.",
    subcommands = {UpCommand.class, DownCommand.class, StatusCommand.class, EnvCommand.class, LogsCommand.class,
        SeedCommand.class, CheckpointCommand.class, ValidateCommand.class, PlanCommand.class, ProfilesCommand.class, DoctorCommand.class})
public final class DevenvCommand implements Runnable {

  @Mixin
  GlobalOptions global;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
