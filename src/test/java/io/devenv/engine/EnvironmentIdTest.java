package io.devenv.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvironmentIdTest {
  @TempDir Path dir;

  @Test
  @DisplayName("The same project directory, however written, gives the same labels; another gives others")
  void sameDirectorySameLabels() {
    EnvironmentId a = new EnvironmentId(dir, "vod");
    EnvironmentId b = new EnvironmentId(dir.resolve("sub/..").resolve("."), "vod");
    EnvironmentId other = new EnvironmentId(dir.resolve("other"), "vod");

    assertThat(b.labels()).isEqualTo(a.labels());
    assertThat(other.projectHash()).isNotEqualTo(a.projectHash());
    assertThat(a.labels()).containsEntry(Labels.PROFILE, "vod").containsKey(Labels.PROJECT);
    assertThat(a.labelFilter()).contains("io.devenv.profile=vod");
  }

  @Test
  @DisplayName("Names are valid Docker names even for odd profile names, and a null profile means every profile")
  void names() {
    EnvironmentId odd = new EnvironmentId(dir, "My Profile/α");
    assertThat(odd.containerName("aws")).matches("devenv-[a-z0-9_.-]+-[0-9a-f]{6}-aws");
    assertThat(new EnvironmentId(dir, null).labels()).containsOnlyKeys(Labels.PROJECT);
  }
}
