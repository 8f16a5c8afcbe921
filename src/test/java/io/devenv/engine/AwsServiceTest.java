package io.devenv.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AwsServiceTest {
  @TempDir Path dir;

  @Test
  @DisplayName("Each resource kind needs its service; subscriptions and notifications also need SQS")
  void resourcesMapToServices() {
    var profile = TestProfiles.parse(dir, """
        name: t
        aws:
          queues: [{ name: events }]
          topics:
            - name: user-events
              subscriptions: [{ queue: events }]
          streams: [{ name: player-events }]
          secrets: [{ name: catalog/db, value: x }]
          parameters: [{ name: /vod/page-size, value: "50" }]
        kubernetes:
          enabled: false
        """);

    var needs = AwsService.requiredBy(profile);

    assertThat(needs.keySet()).containsExactlyInAnyOrder(AwsService.SQS, AwsService.SNS, AwsService.KINESIS,
        AwsService.SECRETSMANAGER, AwsService.SSM);
    assertThat(needs.get(AwsService.SNS)).as("names the resource and its line").startsWith("topic user-events (")
        .contains("profile.yaml:");
  }
}
