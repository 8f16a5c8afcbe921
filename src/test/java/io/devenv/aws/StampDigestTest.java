package io.devenv.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.devenv.environment.AwsAccess;
import io.devenv.profile.Profile;
import io.devenv.profile.ProfileLoader;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The stamp's hash covers the resolved AWS section down to nested values, and nothing random. */
class StampDigestTest {
  private static final String BASE = """
      name: digest
      aws:
        region: eu-west-3
        buckets: [{ name: media, versioning: false }]
        queues: [{ name: orders, visibilityTimeout: 30 }, { name: late, deadLetter: { queue: orders, maxReceiveCount: 5 } }]
        tables: [{ name: users, partitionKey: { name: id, type: S } }]
        secrets: [{ name: db, value: { user: app, port: 5432 } }]
        parameters: [{ name: /app/flag, value: "on" }]
      kubernetes: { enabled: false }
      """;
  private static final AwsAccess ACCESS = AwsAccess.local(URI.create("http://127.0.0.1:4566"), "eu-west-3");

  @TempDir Path dir;

  private String digest(String yaml) {
    Profile profile = ProfileLoader.parse(yaml, dir.resolve("profile.yaml"));
    return StampDigest.digest(ACCESS, profile, "seeds", "docker abc 2026-11-29T07:00:00Z");
  }

  @Test
  @DisplayName("the same profile read twice hashes the same")
  void stable() {
    assertThat(digest(BASE)).isEqualTo(digest(BASE)).hasSize(64);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"versioning: false|versioning: true", "visibilityTimeout: 30|visibilityTimeout: 31",
      "maxReceiveCount: 5|maxReceiveCount: 6", "type: S|type: N", "port: 5432|port: 5433",
      "user: app|user: ap", "\"on\"|\"off\"", "name: late|name: later", "eu-west-3|eu-west-1"})
  @DisplayName("a change anywhere in the AWS section, however deep, changes the hash")
  void everyValueCounts(String change) {
    String[] fromTo = change.split("\\|");
    assertThat(BASE).contains(fromTo[0]);
    assertThat(digest(BASE.replace(fromTo[0], fromTo[1]))).isNotEqualTo(digest(BASE));
  }
}
