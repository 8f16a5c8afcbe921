package io.devenv.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.devenv.core.ExitCode;
import io.devenv.core.Text;
import io.devenv.profile.Golden;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Profiles written the way an attacker (or a very unlucky user) would: terminal escapes in every
 * kind of string, paths to devices, FIFOs and secrets, YAML that is deep, long, aliased or typed.
 * The hand-written ones live in {@code src/test/resources/profiles/hostile/}; the ones that
 * cannot be committed (FIFOs, huge files, deep extends trees) are made here at run time.
 *
 * <p>Each must end within 10 s with exit 2 and one message per problem, each on one line located
 * at file:line, and print no stack trace, no internal class name, no raw control character and
 * nothing of the content of a file it names.
 */
class HostileProfileCorpusTest {
  static final Path CORPUS = Golden.PROFILES.resolve("hostile");
  /** Content of files the corpus names; it must never be printed. */
  static final List<String> NEVER_PRINTED = List.of("LEAK-", "5f3c9a1e", "root:x:0:0", "PATH=", "surefire");
  private static Path generated;

  @BeforeAll
  static void generate() throws Exception {
    generated = Files.createTempDirectory("devenv-hostile");
    GeneratedHostileProfiles.write(generated);
  }

  @AfterAll
  static void clean() throws IOException {
    GeneratedHostileProfiles.delete(generated);
  }

  static Stream<String> cases() throws IOException {
    List<String> all = new ArrayList<>();
    try (Stream<Path> files = Files.list(CORPUS)) {
      files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".yaml")).sorted().forEach(all::add);
    }
    GeneratedHostileProfiles.NAMES.forEach(n -> all.add("generated/" + n));
    return all.stream();
  }

  private static Path file(String name) {
    return name.startsWith("generated/") ? generated.resolve(name.substring("generated/".length())) : CORPUS.resolve(name);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  @DisplayName("devenv validate ends within 10 s with exit 2, a located message, no trace, no control character, no file content")
  void refusedSafely(String name) {
    // Given a hostile profile; When it is validated through the command line (bounded: a hang fails the case)
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = assertTimeoutPreemptively(Duration.ofSeconds(10),
        () -> Main.run(new PrintWriter(out), new PrintWriter(err), "validate", "-p", file(name).toString()),
        "devenv validate did not end within 10 s");

    // Then it is refused as bad input, safely
    assertSafe(name, code, out.toString(), err.toString());
  }

  @Test
  @DisplayName("the hostile corpus has at least 60 hand-written cases")
  void corpusIsLarge() throws IOException {
    try (Stream<Path> files = Files.list(CORPUS)) {
      assertThat(files.filter(f -> f.toString().endsWith(".yaml")).count()).isGreaterThanOrEqualTo(60);
    }
  }

  @Test
  @DisplayName("A handful run by the real main() in their own process: same outcome, within 10 s each")
  void asAProcess() throws Exception {
    for (String name : List.of("name-osc-title.yaml", "extends-dev-zero.yaml", "raw-invalid-utf8.yaml",
        "extends-etc-passwd.yaml", "deep-flow-nesting.yaml", "generated/extends-fifo.yaml")) {
      List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"), Main.class.getName(), "validate", "-p", file(name).toString());
      Path stdout = Files.createTempFile("devenv-hostile", ".out");
      Path stderr = Files.createTempFile("devenv-hostile", ".err");
      Process p = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
      try {
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).as(name + " ended within 10 s").isTrue();
        assertSafe(name, p.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
            Files.readString(stderr, StandardCharsets.UTF_8));
      } finally {
        p.destroyForcibly();
        Files.deleteIfExists(stdout);
        Files.deleteIfExists(stderr);
      }
    }
  }

  /** Where a problem is: a file and its line (and column), a manifest's document and line, or a whole file (its size). */
  private static final String LOCATED = "/?[^ :,]+(:\\d+(:\\d+)?|, document \\d+ \\(line \\d+\\))?: .+";
  private static final Pattern COUNT = Pattern.compile("error: (\\d+) problems in /?[^ :,]+:");
  private static final Pattern PLACE = Pattern.compile("^(?:error: |  )(/?[^ :,]+(?::\\d+(?::\\d+)?|, document \\d+ \\(line \\d+\\))): ");

  static void assertSafe(String name, int code, String stdout, String stderr) {
    String all = stdout + stderr;
    assertThat(code).as("exit code of %s; stderr:%n%s", name, stderr).isEqualTo(ExitCode.INVALID_INPUT);
    assertOneLocatedLinePerProblem(name, stderr);
    assertThat(all).as("output of %s has no stack trace", name).doesNotContain("\tat ").doesNotContain("Exception")
        .doesNotContain("Error:");
    assertThat(all).as("output of %s names no internal class", name)
        .doesNotContainPattern("\\b(com|org|java|javax|sun)\\.[a-z0-9]+\\.[a-zA-Z]")
        .doesNotContain("StreamReadConstraints").doesNotContain("StreamReadFeature").doesNotContain("snakeyaml");
    assertThat(all.chars().filter(c -> Text.unsafeOnTerminal((char) c)).boxed().toList())
        .as("raw control characters in the output of %s:%n%s", name, all).isEmpty();
    for (String secret : NEVER_PRINTED) {
      assertThat(all).as("output of %s prints content of a file it names", name).doesNotContain(secret);
    }
    assertThat(all.lines().mapToInt(String::length).max().orElse(0)).as("longest line of %s", name)
        .isLessThanOrEqualTo(600);
  }

  /**
   * stderr is one "error: FILE:LINE[:COLUMN]: what" line, or "error: N problems in FILE:" and N
   * such lines, indented: nothing else (a raw newline in a value would forge a line), and no place
   * named twice (one problem, one message).
   */
  static void assertOneLocatedLinePerProblem(String name, String stderr) {
    List<String> lines = stderr.lines().toList();
    assertThat(lines).as("stderr of %s", name).isNotEmpty();
    Matcher count = COUNT.matcher(lines.get(0));
    if (count.matches()) {
      List<String> problems = lines.subList(1, lines.size());
      assertThat(problems).as("stderr of %s: as many problems as announced", name)
          .hasSize(Integer.parseInt(count.group(1)))
          .allSatisfy(l -> assertThat(l).as("a problem of %s, located at its file", name).matches("  " + LOCATED));
    } else {
      assertThat(lines).as("stderr of %s: one problem, one line", name).hasSize(1);
      assertThat(lines.get(0)).as("the message of %s, located at its file", name).matches("error: " + LOCATED);
    }
    List<String> places = lines.stream().map(PLACE::matcher).filter(Matcher::find).map(m -> m.group(1)).toList();
    assertThat(places).as("places named in the output of %s", name).doesNotHaveDuplicates();
  }
}
