package io.devenv.cli;

import io.devenv.core.ExitCode;
import io.devenv.profile.Profile;
import io.devenv.seed.SeedReport;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code devenv seed}: loads seed data into a running environment again. */
@Command(name = "seed", description = "Load the profile's seed data into the running environment (only what changed, or all with --reset).")
final class SeedCommand extends BaseCommand {

  @Mixin
  EngineMixin engine;

  @Option(names = "--reset", description = "Load everything again, even what is already loaded.")
  boolean reset;

  @Override
  protected int execute(Context context) {
    Profile profile = context.profile();
    SeedReport report = engine.operations(context).seed(profile, reset);
    if (context.json()) {
      context.printJson(Map.of("profile", profile.name(), "targets", report.targets(),
          "loaded", report.loaded(), "unchanged", report.unchanged()));
    } else {
      context.out().println("Seeded " + profile.name() + ": " + report.loaded() + " loaded, " + report.unchanged() + " unchanged.");
    }
    return ExitCode.OK;
  }
}
