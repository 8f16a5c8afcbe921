package io.devenv.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.devenv.core.ExitCode;
import io.devenv.profile.Golden;
import io.devenv.profile.Origin;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file in {@code src/test/resources/profiles/broken/} is a profile with a mistake in it, and
 * the {@code .expected} file beside it holds exactly what {@code devenv validate -p FILE} writes on
 * stderr. Files the cases extend or name live in {@code broken/included/}, which is not a case.
 *
 * <p>Paths in messages are relative to the working directory, as a user sees them; Maven runs
 * tests from the project root, so the expected files name {@code src/test/resources/profiles/...}.
 * Run from elsewhere, the output is rewritten to that form before comparing.
 * Regenerate with {@code mvn test -Dtest=BrokenProfileCorpusTest -Ddevenv.updateGolden=true}.
 */
class BrokenProfileCorpusTest {

  static final Path CORPUS = Golden.PROFILES.resolve("broken");
  /** Named by broken profiles that must stay unset, so that their ${...} has no value. */
  static final String UNSET_VARIABLE = "DEVENV_TEST_UNSET_PASSWORD";

  @BeforeAll
  static void variableIsUnset() {
    assumeThat(System.getenv(UNSET_VARIABLE)).as("the environment variable %s must not be set", UNSET_VARIABLE)
        .isNull();
  }

  static Stream<String> cases() throws IOException {
    try (Stream<Path> files = Files.list(CORPUS)) {
      return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".yaml")).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  @DisplayName("devenv validate reports a broken profile on stderr exactly as its .expected file says, exit 2, no stack trace")
  void reportsExactly(String name) {
    // Given a broken profile
    Path profile = CORPUS.resolve(name);

    // When it is validated through the command line
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), "validate", "-p", profile.toString());

    // Then it fails as bad input, with the expected message and nothing else
    String stderr = stable(err.toString());
    assertThat(code).as("exit code of %s; stderr:%n%s", name, stderr).isEqualTo(ExitCode.INVALID_INPUT);
    assertThat(out.toString()).as("stdout of %s", name).isEmpty();
    assertThat(stderr).as("stderr of %s has no stack trace", name).doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(stderr).as("stderr of %s names the file", name).contains("src/test/resources/profiles/broken/");
    Golden.assertMatches(CORPUS.resolve(name.replaceFirst("\\.yaml$", ".expected")), stderr, "stderr of " + name);
  }

  @Test
  @DisplayName("the corpus has at least 30 cases, and every .expected file belongs to one")
  void corpusIsWhole() throws IOException {
    List<String> names = cases().toList();
    assertThat(names).as("broken profiles").hasSizeGreaterThanOrEqualTo(30);
    try (Stream<Path> files = Files.list(CORPUS)) {
      List<String> orphans = files.map(f -> f.getFileName().toString())
          .filter(n -> n.endsWith(".expected"))
          .filter(n -> !names.contains(n.replaceFirst("\\.expected$", ".yaml")))
          .toList();
      assertThat(orphans).as(".expected files without a .yaml case").isEmpty();
    }
  }

  /** The output as if run from the project root, wherever the test runs. */
  static String stable(String output) {
    return output.replace(Origin.display(Golden.PROFILES), "src/test/resources/profiles");
  }
}
