package io.devenv.profile;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The edges of AWS naming rules: the longest and shortest names AWS takes, and one past them. */
class AwsNamesTest {

  @ParameterizedTest
  @ValueSource(strings = {"abc", "vod-images", "vod.images.2", "a1b"})
  @DisplayName("S3 takes 3-63 lowercase letters, digits, dots and hyphens")
  void validBuckets(String name) {
    assertThat(AwsNames.bucket(name)).isNull();
    assertThat(AwsNames.bucket("a".repeat(63))).as("63 characters").isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"ab", "Vod", "vod_images", "-vod", "vod-", "vod..x", "10.0.0.1", "xn--vod", "vod-s3alias"})
  @DisplayName("S3 refuses short, uppercase, underscored, hyphen-ended, '..', IP-like and reserved names")
  void invalidBuckets(String name) {
    assertThat(AwsNames.bucket(name)).as(name).isNotNull();
    assertThat(AwsNames.bucket("a".repeat(64))).as("64 characters").isNotNull();
  }

  @Test
  @DisplayName("an SQS name has at most 80 characters, the .fifo suffix included")
  void queueLength() {
    assertThat(AwsNames.queue("q".repeat(80))).isNull();
    assertThat(AwsNames.queue("q".repeat(75) + ".fifo")).isNull();
    assertThat(AwsNames.queue("q".repeat(76) + ".fifo")).isEqualTo("use at most 80 characters, not 81");
    assertThat(AwsNames.queue("a.b")).as("a dot only in the suffix").contains("'.' is not allowed");
    assertThat(AwsNames.queue(".fifo")).as("a name before the suffix").isNotNull();
  }

  @Test
  @DisplayName("table and index names have 3-255 characters; streams 1-128; topics 1-256; secrets 1-512")
  void lengths() {
    assertThat(AwsNames.table("abc")).isNull();
    assertThat(AwsNames.table("ab")).isNotNull();
    assertThat(AwsNames.table("t".repeat(256))).isNotNull();
    assertThat(AwsNames.stream("s".repeat(128))).isNull();
    assertThat(AwsNames.stream("s".repeat(129))).isNotNull();
    assertThat(AwsNames.topic("t".repeat(256))).isNull();
    assertThat(AwsNames.topic("t".repeat(257))).isNotNull();
    assertThat(AwsNames.secret("catalog/db+x=y.z@w-v_u")).isNull();
    assertThat(AwsNames.secret("s".repeat(513))).isNotNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"page-size", "/vod/page-size", "/a/b/c/d/e/f/g/h/i/j/k/l/m/n/o"})
  @DisplayName("SSM takes a plain name or a path from '/', up to 15 levels")
  void validParameters(String name) {
    assertThat(AwsNames.parameter(name)).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"vod/x", "/vod//x", "/vod/", "/", "/aws/x", "ssm-x", "/AWS/x", "/a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p", "/vod x"})
  @DisplayName("SSM refuses relative paths, empty levels, the aws/ssm prefixes, 16 levels and spaces")
  void invalidParameters(String name) {
    assertThat(AwsNames.parameter(name)).as(name).isNotNull();
  }
}
