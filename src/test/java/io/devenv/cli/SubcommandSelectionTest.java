package io.devenv.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** A run builds only the subcommand it names, and answers exactly as the whole command line would. */
class SubcommandSelectionTest {

  private static CommandLine built(String... args) {
    return Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), args);
  }

  @Test
  @DisplayName("a command line naming one subcommand builds only that one")
  void onlyTheNamedSubcommand() {
    assertThat(built("validate").getSubcommands()).containsOnlyKeys("validate");
    assertThat(built("--verbose", "up", "-p", "aws-only", "--detach").getSubcommands()).containsOnlyKeys("up");
    assertThat(built("checkpoint", "save", "before-migration").getSubcommands()).containsOnlyKeys("checkpoint");
    assertThat(built("--version").getSubcommands()).isEmpty();
  }

  @Test
  @DisplayName("no subcommand, an unknown one or a bad option: the whole command line")
  void wholeCommandLineOtherwise() {
    for (String[] args : new String[][] {{}, {"--help"}, {"--project-dir", "up"}, {"valdate"}, {"up", "--no-such-option"},
        {"-p", "up", "plan"}}) {
      assertThat(built(args).getSubcommands()).as(String.join(" ", args)).hasSize(DevenvCommand.SUBCOMMANDS.size());
    }
  }

  /** Command lines that start nothing: help, version, usage errors, misspellings. */
  static Stream<String> commandLines() {
    return Stream.of("", "--help", "--version", "up --help", "checkpoint --help", "checkpoint save --help",
        "--project-dir up", "-p up plan", "valdate", "-p up valdate", "up --no-such-option", "up valdate",
        "plan --output yaml", "--output json --help", "down -h", "logs --help k3s", "profiles --help --verbose");
  }

  @ParameterizedTest(name = "devenv {0}")
  @MethodSource("commandLines")
  @DisplayName("output and exit code are those of the whole command line")
  void sameAnswerAsTheWholeCommandLine(String line) {
    String[] args = line.isEmpty() ? new String[0] : line.split(" ");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);

    StringWriter wholeOut = new StringWriter();
    StringWriter wholeErr = new StringWriter();
    PrintWriter wo = new PrintWriter(wholeOut);
    PrintWriter we = new PrintWriter(wholeErr);
    int wholeCode = Main.commandLine(wo, we).execute(args);
    wo.flush();
    we.flush();

    assertThat(code).isEqualTo(wholeCode);
    assertThat(out.toString()).isEqualTo(wholeOut.toString());
    assertThat(err.toString()).isEqualTo(wholeErr.toString());
  }
}
