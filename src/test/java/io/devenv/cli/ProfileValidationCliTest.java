package io.devenv.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.devenv.core.ExitCode;
import io.devenv.profile.Golden;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** devenv validate and devenv profiles on good and broken profiles, as text and as JSON. */
class ProfileValidationCliTest {

  static final Path BROKEN = Golden.PROFILES.resolve("broken");

  record Run(int code, String out, String err) {}

  static Run devenv(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  @DisplayName("validate --all passes on every sample profile of the project")
  void sampleProfilesAreValid() {
    Run run = devenv("validate", "--all", "--project-dir", Golden.PROJECT_ROOT.toString());

    assertThat(run.code()).as("exit code; stderr: %s", run.err()).isEqualTo(ExitCode.OK);
    assertThat(run.out().lines()).as("one line per profile").hasSizeGreaterThanOrEqualTo(9).allMatch(l -> l.startsWith("✓ "));
    assertThat(run.out()).contains("(vod-platform): valid — 15 AWS resources (localstack), 3 manifest paths, 2 Helm charts, 6 seeds");
  }

  @Test
  @DisplayName("validate --output json lists every problem of a broken profile on stdout, and exits 2")
  void jsonListsEveryProblem() throws IOException {
    Run run = devenv("validate", "--output", "json", "-p", BROKEN.resolve("many-problems.yaml").toString());

    assertThat(run.code()).isEqualTo(ExitCode.INVALID_INPUT);
    assertThat(run.err()).as("stderr").isEmpty();
    JsonNode result = new ObjectMapper().readTree(run.out()).get("profiles").get(0);
    assertThat(result.get("valid").asBoolean()).isFalse();
    assertThat(result.get("problems")).as("all nine problems, in one run").hasSize(9);
    JsonNode first = result.get("problems").get(0);
    assertThat(first.get("file").asText()).as("the file, apart from the message").endsWith("many-problems.yaml");
    assertThat(first.get("line").asInt()).isEqualTo(4);
    assertThat(first.get("column").asInt()).isEqualTo(11);
    assertThat(first.get("message").asText()).isEqualTo(
        "aws.region 'eu-wast-3' is not an AWS region such as us-east-1 or eu-west-3 (did you mean 'eu-west-3'?)");
  }

  @Test
  @DisplayName("validate --all reports each broken profile's problems, says how many profiles failed, and exits 2")
  void validateAllWithABrokenProfile(@TempDir Path project) throws IOException {
    // Given a project with one good and one broken profile
    Files.createDirectories(project.resolve("profiles"));
    Files.writeString(project.resolve("profiles/good.yaml"), "aws:\n  queues: [{ name: jobs }]\n");
    Files.copy(BROKEN.resolve("dlq-undeclared.yaml"), project.resolve("profiles/bad.yaml"));

    // When all are validated
    Run run = devenv("validate", "--all", "--project-dir", project.toString());

    // Then the good one passes, the broken one's problem is listed, and the run fails
    assertThat(run.code()).isEqualTo(ExitCode.INVALID_INPUT);
    assertThat(run.out()).contains("good.yaml (good): valid — 1 AWS resources (localstack)");
    assertThat(run.err()).contains("bad.yaml:4:28: dead-letter queue 'thumbnail-dlq' of queue 'thumbnails' is not"
        + " declared in aws.queues (did you mean 'thumbnails-dlq'?)");
    assertThat(run.err()).contains("error: 1 of 2 profiles have problems");
    assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  @DisplayName("profiles lists a broken profile as such and still exits 0")
  void profilesMarksBrokenOnes(@TempDir Path project) throws IOException {
    Files.createDirectories(project.resolve("profiles"));
    Files.writeString(project.resolve("profiles/good.yaml"), "description: Just a queue\naws:\n  queues: [{ name: jobs }]\n");
    Files.copy(BROKEN.resolve("many-problems.yaml"), project.resolve("profiles/bad.yaml"));

    Run run = devenv("profiles", "--project-dir", project.toString());

    assertThat(run.code()).isEqualTo(ExitCode.OK);
    assertThat(run.out().lines()).containsExactly(
        "bad   ✗ 9 problem(s); run devenv validate -p bad",
        "good  Just a queue — 1 AWS resources (localstack), 0 manifest paths, 0 seeds");
  }

  @Test
  @DisplayName("a broken profile shows no stack trace even with --verbose: it is the user's input, not a crash")
  void noStackTraceWithVerbose() {
    Run run = devenv("validate", "--verbose", "-p", BROKEN.resolve("binary.yaml").toString());

    assertThat(run.code()).isEqualTo(ExitCode.INVALID_INPUT);
    assertThat(run.err()).contains("binary.yaml:3:1: not a text file").doesNotContain("\tat ");
  }
}
