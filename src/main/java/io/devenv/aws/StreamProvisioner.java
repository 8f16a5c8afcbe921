package io.devenv.aws;

import io.devenv.profile.StreamSpec;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.StreamDescriptionSummary;

/**
 * Creates a Kinesis data stream with its tag and waits until it is ACTIVE. Compared on an
 * existing stream: the number of open shards.
 */
final class StreamProvisioner {
  private final AwsClients aws;
  private final String profileName;
  /** The emulator is known to hold nothing yet: create without asking first ({@link AwsProvisioner#onEmptyEmulator}). */
  private final boolean empty;

  StreamProvisioner(AwsClients aws, String profileName) {
    this(aws, profileName, false);
  }

  StreamProvisioner(AwsClients aws, String profileName, boolean empty) {
    this.aws = aws;
    this.profileName = profileName;
    this.empty = empty;
  }

  ResourceResult ensure(StreamSpec spec) {
    Change change = new Change("stream", spec.name());
    StreamDescriptionSummary summary = null;
    if (empty && AwsErrors.unlessThere(() -> aws.kinesis().createStream(r -> r.streamName(spec.name()).shardCount(spec.shards())))
        != null) {
      change.created();
    } else {
      try {
        summary = aws.kinesis().describeStreamSummary(r -> r.streamName(spec.name())).streamDescriptionSummary();
      } catch (ResourceNotFoundException e) {
        summary = null;
      }
      if (summary == null) {
        aws.kinesis().createStream(r -> r.streamName(spec.name()).shardCount(spec.shards()));
        change.created();
      }
    }
    aws.kinesis().waiter().waitUntilStreamExists(r -> r.streamName(spec.name()),
        w -> w.waitTimeout(Duration.ofMinutes(2)).backoffStrategyV2(BackoffStrategy.fixedDelay(Duration.ofMillis(200))));
    if (change.isCreated()) {
      aws.kinesis().addTagsToStream(r -> r.streamName(spec.name()).tags(Map.of(Tags.PROFILE, profileName)));
    } else if (summary.openShardCount() != null && summary.openShardCount() != spec.shards()) {
      change.drift("shard count", summary.openShardCount(), spec.shards());
    }
    return change.result();
  }

}
