package io.devenv.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** Options every command takes, before or after its name. */
public final class GlobalOptions {

  /** How a command writes its result. */
  public enum Output {
    text, json
  }

  @Option(names = "--project-dir", scope = ScopeType.INHERIT, paramLabel = "DIR",
      description = "The project: where profiles/ (or devenv.yaml) and .devenv/ live. Default: the nearest directory"
          + " up from here that has one.")
  Path projectDir;

  @Option(names = {"-p", "--profile"}, scope = ScopeType.INHERIT, paramLabel = "PROFILE",
      description = "A profile file, or a name in profiles/ (default: devenv.yaml, else profiles/default.yaml).")
  String profile;

  @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Show debug logs and stack traces.")
  boolean verbose;

  @Option(names = "--output", scope = ScopeType.INHERIT, paramLabel = "FORMAT",
      description = "text (default) or json.")
  Output output = Output.text;
}
