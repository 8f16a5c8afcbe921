package io.devenv.cli;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code devenv}: the top command; it only holds the global options. Its subcommands are added by
 * {@link Main#commandLine}, from {@link #SUBCOMMANDS}: a run builds only the one it names.
 */
@Command(name = "devenv",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Runs a cloud application's AWS services and Kubernetes deployment on this machine.")
public final class DevenvCommand implements Runnable {

  /** Every subcommand by name, in the order help lists them. */
  static final Map<String, Supplier<Object>> SUBCOMMANDS = subcommands();

  private static Map<String, Supplier<Object>> subcommands() {
    Map<String, Supplier<Object>> all = new LinkedHashMap<>();
    all.put("up", UpCommand::new);
    all.put("down", DownCommand::new);
    all.put("status", StatusCommand::new);
    all.put("env", EnvCommand::new);
    all.put("logs", LogsCommand::new);
    all.put("seed", SeedCommand::new);
    all.put("checkpoint", CheckpointCommand::new);
    all.put("validate", ValidateCommand::new);
    all.put("plan", PlanCommand::new);
    all.put("profiles", ProfilesCommand::new);
    all.put("doctor", DoctorCommand::new);
    return Collections.unmodifiableMap(all);
  }

  @Mixin
  GlobalOptions global;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
