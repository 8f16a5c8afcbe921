package io.devenv.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageTagsTest {

  @ParameterizedTest(name = "{0} newer than 4.14.0: {1}")
  @CsvSource({
    "localstack/localstack:4.14.0, false",
    "localstack/localstack:4.14, false",
    "localstack/localstack:3.8.1, false",
    "localstack/localstack:4.13.9, false",
    "localstack/localstack:4.14.1, true",
    "localstack/localstack:4.15, true",
    "localstack/localstack:5.0.0, true",
    "localstack/localstack:4.100.0, true",
    "localstack/localstack:latest, true",
    "localstack/localstack:stable, true",
    "localstack/localstack, true",
    "localstack/localstack@sha256:0123abcd, true",
    "registry.local:5000/localstack/localstack:4.14.0, false",
    "localstack/localstack:4.14.0-arm64, false",
    "localstack/localstack:20250101123456789012, true"
  })
  @DisplayName("Versions compare numerically part by part; a non-version tag counts as newer")
  void comparesVersionsNumerically(String image, boolean newer) {
    assertThat(ImageTags.isNewerThan(image, "4.14.0")).as("%s newer than 4.14.0", image).isEqualTo(newer);
  }

  @Test
  @DisplayName("Repository and tag are split at the last colon after the last slash, ignoring a digest")
  void splitsRepositoryAndTag() {
    assertThat(ImageTags.repository("registry.local:5000/a/b:1.2")).isEqualTo("registry.local:5000/a/b");
    assertThat(ImageTags.tag("registry.local:5000/a/b:1.2")).isEqualTo("1.2");
    assertThat(ImageTags.tag("registry.local:5000/a/b")).as("no tag means latest").isEqualTo("latest");
    assertThat(ImageTags.tag("a/b:1.2@sha256:ff")).isEqualTo("1.2");
    assertThat(ImageTags.repository("a/b:1.2@sha256:ff")).isEqualTo("a/b");
  }
}
