package io.devenv.cli;

import io.devenv.core.ExitCode;
import io.devenv.lifecycle.Operations;
import java.util.List;
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
import picocli.CommandLine.Option;

/** {@code devenv status}: what runs for the profile, and where. */
@Command(name = "status", description = "Show the profile's containers, health, endpoints, resources and seed data.")
final class StatusCommand extends BaseCommand {

  @Mixin
  EngineMixin engine;
  @Option(names = "--verify", description = "Also ask the emulator whether every declared resource is there (read-only)"
      + " and whether up's convergence stamp still matches.")
  boolean verify;

  @Override
  protected int execute(Context context) {
    Profile profile = context.profile();
    Operations operations = engine.operations(context);
    Status status = operations.status(profile);
    SeedCounts seeds = SeedCounts.of(profile.seed());
    boolean up = !status.isEmpty() && status.containers().stream().allMatch(ContainerStatus::running);
    Operations.Verification verified = verify && up && profile.needsAws() ? operations.verify(profile) : null;
    if (context.json()) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("profile", profile.name());
      doc.put("running", up);
      doc.put("containers", status.containers());
      doc.put("networks", status.networks());
      doc.put("resources", profile.aws().resourceCount());
      doc.put("seed", Map.of("objects", seeds.objects(), "items", seeds.items(), "messages", seeds.messages()));
      doc.put("envFile", Files.exists(EnvFile.path(context.projectDir())) ? EnvFile.read(context.projectDir()) : Map.of());
      if (verified != null) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("stampMatches", verified.stamp() != null);
        v.put("missing", verified.missing());
        doc.put("verify", v);
      }
      context.printJson(doc);
      return up && (verified == null || verified.missing().isEmpty()) ? ExitCode.OK : ExitCode.FAILURE;
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
    if (verified != null) {
      context.out().println("  stamp: " + (verified.stamp() == null
          ? "none, or out of date: the next up checks every resource and seed" : verified.stamp()));
      context.out().println("  verify: " + (verified.missing().isEmpty() ? "every declared resource is there"
          : "missing " + String.join(", ", verified.missing()) + ": run devenv up --verify"));
    }
    return up && (verified == null || verified.missing().isEmpty()) ? ExitCode.OK : ExitCode.FAILURE;
  }
}
