package io.devenv.cli;

import picocli.CommandLine.Option;

/** {@code -h/--help} on every subcommand, as on {@code devenv} itself. */
final class HelpMixin {
  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;
}
