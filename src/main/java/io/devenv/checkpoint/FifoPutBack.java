package io.devenv.checkpoint;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * Sends messages drained from a FIFO queue back to it, 10 a batch, one batch at a time in the
 * order they were received, so each group keeps its order. Deduplication ids are new (the
 * queue would drop the old ones as repeats for 5 minutes).
 */
final class FifoPutBack {
  private final SqsClient sqs;
  private final String url;

  FifoPutBack(SqsClient sqs, String url) {
    this.sqs = sqs;
    this.url = url;
  }

  void send(List<Message> messages) {
    String run = UUID.randomUUID().toString();
    for (int i = 0; i < messages.size(); i += 10) {
      List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
      for (int j = i; j < Math.min(messages.size(), i + 10); j++) {
        Message m = messages.get(j);
        entries.add(SendMessageBatchRequestEntry.builder().id("m" + j).messageBody(m.body())
            .messageAttributes(m.messageAttributes())
            .messageGroupId(m.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID))
            .messageDeduplicationId("devenv-save-" + run + "-" + j).build());
      }
      SendMessageBatchResponse response = sqs.sendMessageBatch(r -> r.queueUrl(url).entries(entries));
      if (!response.failed().isEmpty()) {
        throw io.devenv.core.DevenvException.failure("putting back " + response.failed().size() + " messages of " + url
            + " failed: " + response.failed().get(0).code() + " " + response.failed().get(0).message()
            + "; they are in the checkpoint's queue file", null);
      }
    }
  }
}
