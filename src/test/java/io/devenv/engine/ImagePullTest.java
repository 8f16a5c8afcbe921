package io.devenv.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ImagePullTest {

  @Test
  @DisplayName("Docker's pull errors become the reason in the user's terms")
  void reasons() {
    assertThat(ImagePull.reason("Get \"https://registry.example/v2/\": dial tcp: lookup registry.example: no such host"))
        .isEqualTo("the registry is unreachable");
    assertThat(ImagePull.reason("manifest for x/y:1 not found: manifest unknown")).contains("not found");
    assertThat(ImagePull.reason("pull access denied for x/y, repository does not exist or may require 'docker login'"))
        .contains("credentials");
    assertThat(ImagePull.reason("Head \"https://ghcr.example/v2/a/b/manifests/1\": unauthorized")).contains("credentials");
  }
}
