package io.devenv.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

class HelpTest {

  /** Every subcommand, nested ones too ("checkpoint save"). */
  static Stream<String> subcommands() {
    return paths("", Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())));
  }

  private static Stream<String> paths(String prefix, CommandLine command) {
    return command.getSubcommands().entrySet().stream().flatMap(e -> {
      String path = prefix + e.getKey();
      return Stream.concat(Stream.of(path), paths(path + " ", e.getValue()));
    });
  }

  @ParameterizedTest(name = "devenv {0} --help")
  @MethodSource("subcommands")
  @DisplayName("--help and -h work on every subcommand: usage on stdout, exit 0")
  void helpOnEverySubcommand(String name) {
    for (String flag : new String[] {"--help", "-h"}) {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      String[] args = (name + " " + flag).split(" ");
      int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
      assertThat(code).as("exit code of devenv %s %s; stderr: %s", name, flag, err).isEqualTo(CommandLine.ExitCode.OK);
      assertThat(out.toString()).as("usage of %s", name).startsWith("Usage: devenv " + name).contains("--help");
      assertThat(err.toString()).isEmpty();
    }
  }
}
