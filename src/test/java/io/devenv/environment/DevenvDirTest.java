package io.devenv.environment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevenvDirTest {
  @TempDir Path project;

  @Test
  @DisplayName("An empty .devenv/.gitignore (a write cut short by a full disk) is written again")
  void emptyGitignoreIsRewritten() throws Exception {
    Files.createDirectories(project.resolve(".devenv"));
    Files.writeString(project.resolve(".devenv/.gitignore"), "");

    Path dir = DevenvDir.ensure(project);

    assertThat(Files.readString(dir.resolve(".gitignore"))).contains("\n*\n");
    try (var left = Files.list(dir)) {
      assertThat(left.map(p -> p.getFileName().toString()).toList()).containsExactly(".gitignore");
    }
  }

  @Test
  @DisplayName("A .gitignore the user changed is left as it is")
  void ownGitignoreKept() throws Exception {
    Files.createDirectories(project.resolve(".devenv"));
    Files.writeString(project.resolve(".devenv/.gitignore"), "env\n");
    DevenvDir.ensure(project);
    assertThat(Files.readString(project.resolve(".devenv/.gitignore"))).isEqualTo("env\n");
  }
}
