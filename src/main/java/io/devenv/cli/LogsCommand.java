package io.devenv.cli;

import io.devenv.core.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code devenv logs}: the emulator's log, k3s's, or a Kubernetes workload's. */
@Command(name = "logs", description = "Show the log of the emulator (aws, the default), of k3s, or of a Deployment in the cluster.")
final class LogsCommand extends BaseCommand {

  @Mixin
  EngineMixin engine;

  @Parameters(index = "0", arity = "0..1", paramLabel = "WHAT",
      description = "aws (default), k3s, or a Deployment name (namespace/name or name in kubernetes.namespace).")
  String what = "aws";

  @Option(names = {"-f", "--follow"}, description = "Keep printing new lines until Ctrl-C.")
  boolean follow;

  @Option(names = "--tail", paramLabel = "N", description = "Only the last N lines (default 200; -1 for all).")
  int tail = 200;

  @Override
  protected int execute(Context context) {
    engine.operations(context).logs(context.profile(), what, tail, follow, context.out());
    return ExitCode.OK;
  }
}
