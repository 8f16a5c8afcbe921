package io.devenv.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devenv.core.DevenvException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectTest {
  @TempDir Path project;

  @Test
  @DisplayName("a profile path that is a directory or a device is named as such, not as missing")
  void notARegularFile() throws Exception {
    Files.createDirectories(project.resolve("profiles.d"));
    for (String name : new String[] {project.resolve("profiles.d").toString(), "/dev/null"}) {
      assertThatThrownBy(() -> Project.profileFile(project, name, project)).isInstanceOfSatisfying(DevenvException.class, e -> {
        assertThat(e.exitCode()).isEqualTo(2);
        assertThat(e.getMessage()).contains(name, "is not a regular file").doesNotContain("does not exist");
      });
    }
    assertThatThrownBy(() -> Project.profileFile(project, "missing.yaml", project)).hasMessageContaining("does not exist");
  }
}
