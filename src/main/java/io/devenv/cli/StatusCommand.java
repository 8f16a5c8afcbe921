package io.devenv.cli;

import io.devenv.core.ExitCode;
import io.devenv.engine.ContainerStatus;
import io.devenv.engine.Status;
import io.devenv.expose.EnvFile;
import io.devenv.profile.Profile;
import io.devenv.seed.SeedCounts;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code devenv status}: what runs for the profile, and where. */
@Command(name = "status", description = "Show the profile's containers, health, endpoints, resources and seed data.")
final class StatusCommand extends BaseCommand {

  @Mixin
  EngineMixin engine;

  @Override
  protected int execute(Context context) {
    Profile profile = context.profile();
    Status status = engine.operations(context).status(profile);
    SeedCounts seeds = SeedCounts.of(profile.seed());
    boolean up = !status.isEmpty() && status.containers().stream().allMatch(ContainerStatus::running);
    if (context.json()) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("profile", profile.name());
      doc.put("running", up);
      doc.put("containers", status.containers());
      doc.put("networks", status.networks());
      doc.put("resources", profile.aws().resourceCount());
      doc.put("seed", Map.of("objects", seeds.objects(), "items", seeds.items(), "messages", seeds.messages()));
      doc.put("envFile", Files.exists(EnvFile.path(context.projectDir())) ? EnvFile.read(context.projectDir()) : Map.of());
      context.printJson(doc);
      return up ? ExitCode.OK : ExitCode.FAILURE;
    }
    if (status.isEmpty()) {
      context.out().println(profile.name() + " is not running: run devenv up");
      return ExitCode.FAILURE;
    }
    context.out().println(profile.name() + (up ? " is up" : " is partly up") + (status.networks().isEmpty()
        ? " (external engine)" : " (network " + String.join(", ", status.networks()) + ")"));
    for (ContainerStatus c : status.containers()) {
      context.out().printf("  %-4s %-40s %-8s %-10s %s%n", c.role(), c.name(), c.state(), c.health(),
          c.endpoint() == null ? "" : c.endpoint());
    }
    context.out().println("  resources: " + profile.aws().resourceCount() + " AWS resources declared ("
        + profile.aws().emulator() + "); seed: " + seeds);
    if (Files.exists(EnvFile.path(context.projectDir()))) {
      context.out().println("  env file: " + io.devenv.profile.Origin.display(EnvFile.path(context.projectDir()))
          + " (eval \"$(devenv env)\")");
    }
    return up ? ExitCode.OK : ExitCode.FAILURE;
  }
}
