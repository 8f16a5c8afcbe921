package io.devenv.cli;

import io.devenv.core.Durations;
import io.devenv.core.ExitCode;
import io.devenv.core.Timings;
import io.devenv.lifecycle.ShutdownGuard;
import io.devenv.expose.Summary;
import io.devenv.lifecycle.Foreground;
import io.devenv.lifecycle.UpException;
import io.devenv.lifecycle.UpReports;
import io.devenv.lifecycle.Up;
import io.devenv.lifecycle.UpOptions;
import io.devenv.lifecycle.UpResult;
import io.devenv.profile.Profile;
import io.devenv.report.JunitXmlReport;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code devenv up}: brings the profile's environment up and keeps it until Ctrl-C (or detaches). */
@Command(name = "up", description = "Start (or reuse) the emulator and the cluster, create resources, seed, deploy, wait until ready.")
final class UpCommand extends BaseCommand {

  @Mixin
  EngineMixin engine;

  @Option(names = {"-d", "--detach"}, description = "Return once everything is ready and leave it running.")
  boolean detach;

  @Option(names = "--wait", description = "Return only when every part is ready (always so; accepted for CI scripts).")
  boolean waitReady;

  @Option(names = "--timeout", paramLabel = "DURATION", description = "Fail if up takes longer, e.g. 10m, 90s.",
      converter = DurationConverter.class)
  Duration timeout;

  @Option(names = "--keep", description = "On Ctrl-C or failure, leave the containers running.")
  boolean keep;

  @Option(names = "--reset", description = "Load all seed data again, even what is already loaded.")
  boolean reset;

  @Option(names = "--verify", description = "Check every resource and seed, even when nothing changed since the last up.")
  boolean verify;

  @Option(names = "--timings", description = "Print where the time went, phase by phase (--output json always has it).")
  boolean showTimings;

  @Option(names = "--report", paramLabel = "FILE", description = "Write a JUnit-XML report of every readiness check.")
  Path report;

  @Mixin
  TerraformMixin terraform;

  @Override
  protected int execute(Context context) {
    Timings timings = Timings.sinceJvmStart();
    UpOptions options = engine.options(context)
        .withReset(reset)
        .withVerify(verify)
        .withKeepOnFailure(keep)
        .withTimeout(timeout)
        // A forward lives as long as this process: with --detach it would be gone at once.
        .withPortForwards(!detach && !context.json());
    // Made before the profile loads: the Docker engine prepares its reuse lookup meanwhile.
    Up up = Up.timed(options, timings);
    Profile profile = timings.time("profile loaded", context::profile);
    terraform.check(profile, context.err(), true);
    ShutdownGuard guard = ShutdownGuard.interruptOnShutdown(Duration.ofSeconds(60));
    try {
      UpResult result;
      try {
        result = up.run(profile);
      } catch (UpException e) {
        writeReport(profile, e.checks());
        if (showTimings && !context.json()) {
          context.err().print(timings.render());
        }
        // Printed here, while the shutdown guard still holds the JVM: after Ctrl-C it would be lost.
        return Main.report(e, context.err(), context.verbose());
      }
      writeReport(profile, result.checks());
      try (result) {
        print(context, profile, result, timings);
        if (detach || context.json()) {
          return ExitCode.OK;
        }
        return new Foreground(options, context.progress()).hold(profile, result, keep);
      }
    } finally {
      guard.close();
    }
  }

  private void print(Context context, Profile profile, UpResult result, Timings timings) {
    if (context.json()) {
      java.util.Map<String, Object> doc = UpReports.json(profile, result);
      doc.put("timings", UpReports.timings(timings)); // for scripts, always: where a cold up's time went
      context.printJson(doc);
      return;
    }
    if (showTimings) {
      context.err().print(timings.render());
    }
    context.out().println();
    context.out().print(Summary.of(result.environment(), result.forwards(), result.envFile(), result.kubeconfig()).render());
    context.out().println(profile.name() + " is ready (" + io.devenv.core.Progress.seconds(result.elapsed()) + ").");
    if (detach && result.environment().cluster() != null && !profile.kubernetes().portForwards().isEmpty()) {
      context.out().println("Port-forwards are not started with --detach (they would end with this process): run"
          + " devenv up without --detach to hold them, or kubectl --kubeconfig .devenv/kubeconfig port-forward.");
    }
    context.out().flush();
  }

  private void writeReport(Profile profile, java.util.List<io.devenv.core.Check> checks) {
    if (report != null) {
      JunitXmlReport.write(report, profile.name(), checks);
    }
  }

  /** "10m", "90s", "1h", "500ms" or a number of seconds. */
  static final class DurationConverter implements picocli.CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      return Durations.parse(value).orElseThrow(() ->
          new picocli.CommandLine.TypeConversionException("'" + value + "' is not a duration such as 90s, 10m or 1h"));
    }
  }
}
