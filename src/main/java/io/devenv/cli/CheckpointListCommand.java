package io.devenv.cli;

import io.devenv.checkpoint.CheckpointStore;
import io.devenv.core.ExitCode;
import io.devenv.lifecycle.Checkpoints;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code devenv checkpoint list}. */
@Command(name = "list", description = "List this project's checkpoints.")
final class CheckpointListCommand extends CheckpointCommand.Verb {

  @Override
  protected int execute(Context context) {
    List<CheckpointStore.Entry> entries = new Checkpoints(context.projectDir(), context.progress()).list();
    if (context.json()) {
      context.printJson(entries);
      return ExitCode.OK;
    }
    if (entries.isEmpty()) {
      context.out().println("No checkpoints; 'devenv checkpoint save NAME' makes one.");
      return ExitCode.OK;
    }
    for (CheckpointStore.Entry e : entries) {
      context.out().printf("%-24s %-24s %-20s %s, %s%n", e.name(), e.manifest().profile(), e.manifest().created(),
          e.manifest().summary(), bytes(e.bytes()));
    }
    return ExitCode.OK;
  }

  private static String bytes(long n) {
    return n < 1024 * 1024 ? (n + 1023) / 1024 + " KiB" : String.format(java.util.Locale.ROOT, "%.1f MiB", n / 1048576.0);
  }
}
