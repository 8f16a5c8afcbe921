package io.devenv.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.devenv.core.Text;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code devenv profiles} over a project where one profile's description is a terminal escape and
 * others extend a device and a FIFO: the list still ends, lists every profile, and sets no title.
 */
class HostileProfilesListTest {
  private static final String BUCKET = "aws:\n  buckets:\n    - name: ok-bucket\n";

  @TempDir Path project;

  @Test
  @DisplayName("devenv profiles: escapes shown escaped, a device or a FIFO marks its own profile broken, within 10 s")
  void listSurvivesHostileProfiles() throws Exception {
    // Given profiles that set the terminal's title and clear it, and that extend /dev/zero and a FIFO
    Path profiles = Files.createDirectories(project.resolve("profiles"));
    Files.writeString(profiles.resolve("escape.yaml"),
        "description: \"\\e]0;pwned\\a\\e[2J\\e[Hlooks fine\"\n" + BUCKET, StandardCharsets.UTF_8);
    Files.writeString(profiles.resolve("zero.yaml"), "extends: /dev/zero\n" + BUCKET, StandardCharsets.UTF_8);
    Process mkfifo = new ProcessBuilder("mkfifo", project.resolve("pipe.yml").toString()).start();
    assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0).as("mkfifo").isTrue();
    Files.writeString(profiles.resolve("fifo.yaml"), "extends: ../pipe.yml\n" + BUCKET, StandardCharsets.UTF_8);
    Files.writeString(profiles.resolve("ok.yaml"), BUCKET, StandardCharsets.UTF_8);

    // When they are listed by the real main() in its own process (a hang or an OutOfMemoryError stays there)
    Path out = project.resolve("out.txt");
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
        "-cp", System.getProperty("java.class.path"), Main.class.getName(), "--project-dir", project.toString(), "profiles")
        .redirectErrorStream(true).redirectOutput(out.toFile()).start();
    try {
      boolean ended = p.waitFor(10, TimeUnit.SECONDS);
      String output = Files.readString(out, StandardCharsets.UTF_8);
      assertThat(ended).as("devenv profiles ended within 10 s; output so far:%n%s", output).isTrue();

      // Then every profile is listed, the broken ones as broken, and nothing reaches the terminal raw
      assertThat(p.exitValue()).as("exit code; output:%n%s", output).isZero();
      List<String> lines = output.lines().toList();
      assertThat(lines).as(output).hasSize(4);
      assertThat(lines.get(0)).startsWith("escape ").contains("\\u001b]0;pwned\\u0007\\u001b[2J");
      assertThat(lines.get(1)).startsWith("fifo ").contains("run devenv validate -p fifo");
      assertThat(lines.get(2)).startsWith("ok ");
      assertThat(lines.get(3)).startsWith("zero ").contains("run devenv validate -p zero");
      assertThat(output.chars().filter(c -> Text.unsafeOnTerminal((char) c)).boxed().toList())
          .as("raw control characters in:%n%s", output).isEmpty();
      assertThat(output).doesNotContain("Exception").doesNotContain("\tat ");
    } finally {
      p.destroyForcibly();
    }
  }
}
