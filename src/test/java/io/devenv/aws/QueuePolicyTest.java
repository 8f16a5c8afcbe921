package io.devenv.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class QueuePolicyTest {
  private static final String QUEUE = "arn:aws:sqs:us-east-1:000000000000:thumbnails";

  @Test
  @DisplayName("adds devenv's statements to a policy someone else wrote, keeping theirs")
  void keepsForeignStatements() {
    // Given a policy with a statement devenv did not write
    String existing = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Sid\":\"theirs\",\"Effect\":\"Deny\"}}";

    // When
    String merged = QueuePolicy.merge(existing, QUEUE,
        List.of(QueuePolicy.Grant.bucket("vod-images"), QueuePolicy.Grant.topic("arn:aws:sns:us-east-1:000000000000:t", "t")));

    // Then
    assertThat(QueuePolicy.sids(merged)).as("statement ids").containsExactly("theirs", "devenv-s3-vod-images", "devenv-sns-t");
    assertThat(merged).as("the bucket is the condition").contains("arn:aws:s3:::vod-images");
  }

  @Test
  @DisplayName("answers null when the policy already holds every grant, so nothing is written")
  void convergent() {
    List<QueuePolicy.Grant> grants = List.of(QueuePolicy.Grant.bucket("vod-images"));
    String once = QueuePolicy.merge(null, QUEUE, grants);
    assertThat(once).as("first merge").isNotNull();
    assertThat(QueuePolicy.merge(once, QUEUE, grants)).as("second merge").isNull();
  }
}
