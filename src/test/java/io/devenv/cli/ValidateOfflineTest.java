package io.devenv.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.devenv.core.ExitCode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** validate checks what it can without starting anything: seed files and manifests too. */
class ValidateOfflineTest {
  private static final Path HOSTILE = HostileProfileCorpusTest.CORPUS;

  private static String[] validate(String profile) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), "validate", "-p", HOSTILE.resolve(profile).toString());
    return new String[] {Integer.toString(code), err.toString()};
  }

  @Test
  @DisplayName("Every bad record of a seed file is reported at file:line:column, not only the first")
  void everyProblemOfASeedFile() {
    String[] run = validate("seed-queue-three-bad-lines.yaml");
    assertThat(run[0]).isEqualTo(Integer.toString(ExitCode.INVALID_INPUT));
    assertThat(run[1].lines().filter(l -> l.contains("three-bad-lines.ndjson:")).toList())
        .as(run[1]).hasSize(3)
        .anySatisfy(l -> assertThat(l).contains("three-bad-lines.ndjson:2:"))
        .anySatisfy(l -> assertThat(l).contains("three-bad-lines.ndjson:3:1: expected a JSON object"))
        .anySatisfy(l -> assertThat(l).contains("three-bad-lines.ndjson:4:"));
  }

  @Test
  @DisplayName("A seed record with a key twice is refused at its line, in NDJSON and in a JSON array")
  void duplicateKeys() {
    assertThat(validate("seed-queue-duplicate-keys.yaml")[1]).contains("dup-keys.ndjson:2:").contains("Duplicate field 'body'")
        .doesNotContain("LEAK-");
    assertThat(validate("seed-table-array-duplicate-keys.yaml")[1]).contains("array-dup-keys.json:2:").contains("Duplicate field 'id'");
  }

  @Test
  @DisplayName("NUL bytes and invalid UTF-8 in a seed file are reported with line and column")
  void binarySeed() {
    assertThat(validate("seed-queue-nul.yaml")[1]).contains("nul.ndjson:2:11: a NUL byte");
    assertThat(validate("seed-queue-invalid-utf8.yaml")[1]).contains("bad-utf8.ndjson:2:11: not UTF-8 text");
  }

  @Test
  @DisplayName("A manifest that is not YAML fails validate, as it would fail up")
  void brokenManifest() {
    String[] run = validate("manifests-broken-yaml.yaml");
    assertThat(run[0]).isEqualTo(Integer.toString(ExitCode.INVALID_INPUT));
    assertThat(run[1]).contains("broken-manifest.yaml, document 1 (line 3): not valid YAML");
  }
}
