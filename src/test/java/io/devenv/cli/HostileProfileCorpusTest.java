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
 * <p>Each must end within 10 s with exit 2 and a located message, and print no stack trace, no
 * internal class name, no raw control character and nothing of the content of a file it names.
 */
class HostileProfileCorpusTest {
  static final Path CORPUS = Golden.PROFILES.resolve("hostile");
  /** Content of files the corpus names; it must never be printed. */
  static final List<String> NEVER_PRINTED = List.of("LEAK-", "root:x:0:0", "PATH=", "surefire");
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

  static void assertSafe(String name, int code, String stdout, String stderr) {
    String all = stdout + stderr;
    assertThat(code).as("exit code of %s; stderr:%n%s", name, stderr).isEqualTo(ExitCode.INVALID_INPUT);
    assertThat(stderr.lines().toList()).as("stderr of %s has a message located at file:line", name)
        .anyMatch(l -> l.matches("(error: |  )/?[^ :,]+(:\\d+(:\\d+)?|, document \\d+ \\(line \\d+\\))?: .+"));
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
}
