package io.devenv.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.devenv.core.ExitCode;
import io.devenv.testing.Requirements;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What the hostile corpus's cases say, where the wording is the point. */
class HostileMessagesTest {

  private static List<String> errors(String profile) {
    StringWriter err = new StringWriter();
    Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err), "validate", "-p",
        HostileProfileCorpusTest.CORPUS.resolve(profile).toString());
    return err.toString().lines().toList();
  }

  @Test
  @DisplayName("waitTimeout: 0s is called zero, not 'not a duration'")
  void zeroDuration() {
    assertThat(errors("wait-timeout-zero.yaml")).singleElement().asString()
        .endsWith("wait-timeout-zero.yaml:2:16: kubernetes.waitTimeout must be longer than zero, not '0s'; write how long to"
            + " wait, such as 90s, 5m or 1h");
  }

  @Test
  @DisplayName("shards: 1.5 is one problem, not two")
  void fractionalShards() {
    assertThat(errors("shards-fraction.yaml")).singleElement().asString().contains("shards must be a whole number");
  }

  @Test
  @DisplayName("YAML 1.1 octal 012 is refused, saying what YAML 1.1 would read")
  void octal() {
    assertThat(errors("octal-port.yaml")).singleElement().asString()
        .contains("octal-port.yaml:2:9: '012' is an octal number in YAML 1.1 (012 = 10)");
  }

  @Test
  @DisplayName("${a:-${b}} is refused clearly instead of becoming 'value}'")
  void nestedDefault() {
    assertThat(errors("nested-default.yaml")).anySatisfy(l -> assertThat(l)
        .contains("nested-default.yaml:2:11: ${DEVENV_HOSTILE_UNSET:-...} has another ${...} in its default"));
  }

  @Test
  @DisplayName("NUL bytes and invalid UTF-8 in a profile are located by line and column")
  void binaryLocated() {
    assertThat(errors("raw-nul-byte.yaml")).singleElement().asString().contains("raw-nul-byte.yaml:3:13: not a text file");
    assertThat(errors("raw-invalid-utf8.yaml")).singleElement().asString().contains("raw-invalid-utf8.yaml:3:11: not UTF-8");
  }

  @Test
  @DisplayName("Terminal escapes in names are shown escaped")
  void escaped() {
    assertThat(String.join("\n", errors("name-osc-title.yaml"))).contains("\\u001b]0;pwned\\u0007");
    assertThat(String.join("\n", errors("name-bidi-override.yaml"))).contains("abc\\u202edcba");
  }

  @Test
  @DisplayName("extends naming a device is refused without reading it; a file that cannot be read gives the OS reason")
  void specialFiles() {
    assertThat(errors("extends-dev-zero.yaml")).singleElement().asString()
        .endsWith("extends-dev-zero.yaml:1:10: extends /dev/zero, which is a character device, not a regular file; name a"
            + " regular file");
    assertThat(errors("extends-through-a-file.yaml")).singleElement().asString().contains("Not a directory");
  }

  @Test
  @DisplayName("Nesting beyond the limit is one located line in the user's terms")
  void nesting() {
    assertThat(errors("deep-flow-nesting.yaml")).singleElement().asString()
        .matches("error: .*deep-flow-nesting.yaml:1:\\d+: maps and lists nested deeper than 64 levels.*");
  }

  @Test
  @DisplayName("A file the OS refuses to read gives the reason, not its name twice")
  void unreadableFile() {
    Path denied = Path.of("/proc/sys/vm/compact_memory");
    Requirements.require(Files.exists(denied) && !Files.isReadable(denied),
        denied + " (write-only, even for root) is not on this machine: no file here refuses to be read");
    assertThat(errors("extends-unreadable.yaml")).singleElement().asString()
        .endsWith("extends-unreadable.yaml:1:10: cannot read /proc/sys/vm/compact_memory: permission denied");
  }

  @Test
  @DisplayName("A seed file that is a bare secret token: plan and validate name the file and line, never the token")
  void seedTokenNotPrinted() {
    for (String command : List.of("plan", "validate")) {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int code = Main.run(new PrintWriter(out), new PrintWriter(err), command, "-p",
          HostileProfileCorpusTest.CORPUS.resolve("seed-queue-from-bare-token.yaml").toString());
      assertThat(code).as("exit code of %s; stderr: %s", command, err).isEqualTo(ExitCode.INVALID_INPUT);
      assertThat(err.toString().lines().toList()).as(command).singleElement().asString()
          .contains("bare-token.txt:1:").contains("not valid JSON");
      assertThat(out.toString() + err).as(command).doesNotContain("ghp_").doesNotContain("5f3c9a1e");
    }
  }

  @Test
  @DisplayName("An --aws-endpoint that is not a URL is one line in the user's terms, without Java's exception name")
  void badEndpointOption() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    // Parsing fails before anything starts: no engine, no profile is needed
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), "up", "--engine", "external", "--aws-endpoint", "http://[::1");
    assertThat(code).isEqualTo(ExitCode.INVALID_INPUT);
    assertThat(err.toString().lines().findFirst().orElse(""))
        .isEqualTo("error: Invalid value for option '--aws-endpoint': 'http://[::1' is not a URL (expected closing bracket"
            + " for IPv6 address at its end); write one such as http://127.0.0.1:4566");
    assertThat(err.toString()).doesNotContain("java.").doesNotContain("Exception");
  }
}
