package io.devenv.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.devenv.engine.EngineChoice;
import io.devenv.engine.EngineKind;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** .devenv/engine: rewritten only when the engine changed, read back as written. */
class EngineRecordTest {
  @TempDir Path project;

  @Test
  @DisplayName("the same engine again leaves the file as it is; another engine, or a file that cannot be read, is rewritten")
  void rewrittenOnlyWhenChanged() throws Exception {
    EngineChoice external = new EngineChoice(EngineKind.EXTERNAL, URI.create("http://127.0.0.1:4566"), false, null, null);
    EngineRecord.write(project, external);
    Path file = EngineRecord.path(project);
    Files.writeString(file, "# a line only a rewrite would drop\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);

    EngineRecord.write(project, external);
    assertThat(Files.readString(file)).as("unchanged: not rewritten").contains("a line only a rewrite would drop");

    EngineRecord.write(project, EngineChoice.docker());
    assertThat(Files.readString(file)).doesNotContain("a line only a rewrite would drop");
    assertThat(EngineRecord.read(project).kind()).isEqualTo(EngineKind.DOCKER);

    Files.write(file, new byte[] {'e', 'n', 'g', 'i', 'n', 'e', '=', '\\', 'u', 'Z'}); // a malformed \\u escape
    EngineRecord.write(project, external);
    assertThat(EngineRecord.read(project)).isEqualTo(external);
  }
}
