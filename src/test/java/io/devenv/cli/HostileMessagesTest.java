package io.devenv.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
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
}
