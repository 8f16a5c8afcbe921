package io.devenv.cli;

import io.devenv.aws.AwsClients;
import io.devenv.core.DevenvException;
import io.devenv.core.ExitCode;
import io.devenv.engine.DockerEngine;
import io.devenv.environment.Environment;
import io.devenv.engine.ExternalEngine;
import io.devenv.lifecycle.UpOptions;
import io.devenv.profile.Profile;
import io.devenv.seed.SeedReport;
import io.devenv.seed.Seeder;
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
    UpOptions options = engine.options(context);
    Environment env = options.engine() == UpOptions.Engine.EXTERNAL
        ? new ExternalEngine(options.environment()).connect(profile, options.external())
        : DockerEngine.connect().attach(profile, context.projectDir());
    if (env.aws() == null) {
      throw new DevenvException(ExitCode.INVALID_INPUT, "profile " + profile.name() + " has no AWS seed data to load");
    }
    try (AwsClients aws = new AwsClients(env.aws())) {
      SeedReport report = new Seeder(aws, options.progress()).seed(profile, reset);
      if (context.json()) {
        context.printJson(Map.of("profile", profile.name(), "targets", report.targets(),
            "loaded", report.loaded(), "unchanged", report.unchanged()));
      } else {
        context.out().println("Seeded " + profile.name() + ": " + report.loaded() + " loaded, " + report.unchanged() + " unchanged.");
      }
    }
    return ExitCode.OK;
  }
}
