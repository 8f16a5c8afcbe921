package io.devenv.profile.terraform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devenv.core.ExitCode;
import io.devenv.profile.ProfileException;
import io.devenv.profile.ProfileLoader;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** HCL that does not parse is a located error: file, line and column, and what is wrong there. */
class HclSyntaxTest {

  @TempDir
  Path dir;

  @ParameterizedTest(name = "{3}")
  @CsvSource(delimiter = '|', textBlock = """
      resource "aws_sqs_queue" "q" {\\n  name = "x"\\n                                 | 1 | 30 | '{' is never closed
      resource "aws_sqs_queue" "q" {\\n  name = "x"\\n}\\n}\\n                         | 4 | 1  | unexpected '}': nothing is open here
      resource "aws_sqs_queue" "q" {\\n  name = ["a", "b")\\n}\\n                       | 2 | 19 | unexpected ')': the '[' opened at line 2, column 10 is not closed yet
      resource "aws_sqs_queue" "q" {\\n  name = "x\\n}\\n                               | 2 | 10 | string is never closed (a quoted string ends on its line)
      resource "aws_sqs_queue" "q" {\\n  bad = = 3\\n}\\n                               | 2 | 9  | not valid HCL: illegal character '='
      /* a comment\\nresource "aws_sqs_queue" "q" {}\\n                                 | 1 | 1  | comment /* is never closed
      resource "aws_sqs_queue" "q" {\\n  name = <<EOT\\nx\\n}\\n                         | 2 | 10 | heredoc <<EOT is never closed
      """)
  @DisplayName("a broken file is reported at its line and column")
  void located(String text, int line, int column, String message) {
    Tf.write(dir, "main.tf", text.replace("\\n", "\n"));

    assertThatThrownBy(() -> HclReader.read(dir.resolve("main.tf"))).isInstanceOfSatisfying(TerraformException.class, e -> {
      assertThat(e.getMessage()).isEqualTo(message);
      assertThat(e.origin().file()).isEqualTo(dir.resolve("main.tf"));
      assertThat(e.origin().line()).as("line").isEqualTo(line);
      assertThat(e.origin().column()).as("column").isEqualTo(column);
    });
  }

  @Test
  @DisplayName("braces inside strings, templates, comments and heredocs are not counted")
  void bracesInTextAreIgnored() {
    Tf.write(dir, "main.tf", """
        # a comment with { and [
        // another }
        /* and a ( block */
        resource "aws_ssm_parameter" "p" {
          name  = "/a}b"
          value = <<-EOT
            { not a brace
            EOT
          type  = "String${"}"}"
        }
        """);
    assertThat(HclReader.read(dir.resolve("main.tf"))).hasSize(1);
  }

  @Test
  @DisplayName("an argument outside any block in a .tf file says a block above may not be closed")
  void topLevelArgument() {
    assertThatThrownBy(() -> Tf.read(dir, "name = \"x\"\n")).isInstanceOfSatisfying(TerraformException.class, e -> {
      assertThat(e.origin().line()).isEqualTo(1);
      assertThat(e.getMessage()).contains("only blocks (resource, variable, locals...) belong at the top of a .tf file");
    });
  }

  @Test
  @DisplayName("through a profile, unparseable Terraform is a profile problem at the .tf file's line and column: exit 2")
  void throughTheProfile() {
    Tf.write(dir, "tf/main.tf", "resource \"aws_sqs_queue\" \"q\" {\n  name = \"x\"\n");

    assertThatThrownBy(() -> new ProfileLoader(Map.of()).loadContent(dir.resolve("p.yaml"),
        "aws:\n  terraform:\n    - path: tf\n".getBytes()))
        .isInstanceOfSatisfying(ProfileException.class, e -> {
          assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
          assertThat(e.getMessage()).endsWith("tf/main.tf:1:30: '{' is never closed");
        });
  }

  @Test
  @DisplayName("a resource declared both in the profile and in Terraform is an error naming both places")
  void declaredTwice() {
    Tf.write(dir, "tf/main.tf", "\nresource \"aws_sqs_queue\" \"q\" {\n  name = \"jobs\"\n}\n");

    assertThatThrownBy(() -> new ProfileLoader(Map.of()).loadContent(dir.resolve("p.yaml"),
        "aws:\n  queues:\n    - name: jobs\n  terraform:\n    - path: tf\n".getBytes()))
        .isInstanceOfSatisfying(ProfileException.class, e -> {
          assertThat(e.problems()).hasSize(1);
          assertThat(e.problems().get(0).origin().line()).as("the profile's line").isEqualTo(3);
          assertThat(e.problems().get(0).message()).startsWith("queue 'jobs' is declared both here and in ")
              .endsWith("tf/main.tf:2; keep one of them");
        });
  }
}
