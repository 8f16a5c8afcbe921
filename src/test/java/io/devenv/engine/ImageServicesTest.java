package io.devenv.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.devenv.profile.Profile;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageServicesTest {
  private static final Map<String, String> NO_DYNAMODB = Map.of(ImageServices.UNAVAILABLE, "dynamodb",
      ImageServices.REASON, "DynamoDB Local is downloaded at first use");

  @TempDir Path dir;

  private Profile profile(String aws) {
    return TestProfiles.parse(dir, "name: services\naws:\n" + aws + "kubernetes:\n  enabled: false\n");
  }

  @Test
  @DisplayName("a table on an image labelled without DynamoDB: one problem naming the table's line, the service, the reason and who has it")
  void tableOnImageWithoutDynamoDb() {
    Profile profile = profile("  buckets: [{ name: bkt }]\n  tables:\n    - name: prefs\n      partitionKey: { name: id, type: S }\n");

    List<String> problems = ImageServices.problems(profile, "localstack/localstack:4.14.0", NO_DYNAMODB);

    assertThat(problems).singleElement().asString()
        .startsWith("table prefs (" + dir.resolve("profile.yaml"))
        .contains("needs dynamodb, which the image localstack/localstack:4.14.0 cannot serve (DynamoDB Local is downloaded at first use)")
        .contains("emulators offering it: floci, ministack, or a localstack image without the label io.devenv.aws.unavailable-services");
  }

  @Test
  @DisplayName("a profile without tables, or an image without the label, has no problem")
  void nothingToSay() {
    assertThat(ImageServices.problems(profile("  buckets: [{ name: bkt }]\n  queues: [{ name: q }]\n"), "x", NO_DYNAMODB)).isEmpty();
    Profile withTable = profile("  tables:\n    - name: prefs\n      partitionKey: { name: id, type: S }\n");
    assertThat(ImageServices.problems(withTable, "x", Map.of())).isEmpty();
    assertThat(ImageServices.problems(withTable, "x", null)).isEmpty();
  }

  @Test
  @DisplayName("the label lists service ids separated by commas; unknown ids are ignored")
  void parsesTheLabel() {
    assertThat(ImageServices.unavailable(Map.of(ImageServices.UNAVAILABLE, " dynamodb, kinesis ,lambda")))
        .containsExactlyInAnyOrder(AwsService.DYNAMODB, AwsService.KINESIS);
  }
}
