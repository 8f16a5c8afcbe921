package io.devenv.checkpoint;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.devenv.core.Progress;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Reads every message of a queue into an NDJSON file of seed messages ({@code body},
 * {@code attributes} with their exact data types, {@code groupId}) without losing any.
 *
 * <p>A standard queue's messages are received with a visibility timeout and, once all are
 * written, made visible again at once (ChangeMessageVisibility 0): the queue keeps the very same
 * messages. A FIFO queue cannot be read that way (a group's next message stays hidden while one
 * is in flight), so its messages are received, written to disk, deleted, and sent back in the
 * order received, which keeps each group's order. Messages that another consumer holds in flight,
 * or that are still delayed, cannot be received: they are counted as not saved.
 */
final class QueueSaver {
  /** Long enough to read a large queue; what a killed save leaves hidden comes back after it. */
  static final int VISIBILITY_SECONDS = 120;
  private static final int EMPTY_RECEIVES = 2;

  private final SqsClient sqs;
  private final Progress progress;

  QueueSaver(SqsClient sqs, Progress progress) {
    this.sqs = sqs;
    this.progress = progress;
  }

  Manifest.Queue save(String queue, Path file) throws IOException {
    String url = sqs.getQueueUrl(r -> r.queueName(queue)).queueUrl();
    Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(r -> r.queueUrl(url)
        .attributeNames(QueueAttributeName.ALL)).attributes();
    boolean fifo = Boolean.parseBoolean(attributes.getOrDefault(QueueAttributeName.FIFO_QUEUE, "false"));
    int hidden = count(attributes, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)
        + count(attributes, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED);
    if (!fifo && attributes.containsKey(QueueAttributeName.REDRIVE_POLICY)) {
      progress.info("  queue " + queue + ": saving counts as one receive of each message towards its dead-letter maxReceiveCount");
    }
    int saved;
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      saved = fifo ? drainAndPutBack(url, out, file) : readAndRelease(url, out);
    }
    int left = fifo ? count(sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
        .attributes(), QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES) - saved : 0;
    int notSaved = hidden + Math.max(0, left);
    if (notSaved > 0) {
      progress.info("  queue " + queue + ": " + notSaved + " messages not saved: in flight at a consumer (or behind one in"
          + " their FIFO group) or delayed; save again once they are visible to include them");
    }
    return new Manifest.Queue(queue, fifo, saved, notSaved, Hashes.file(file));
  }

  /** Standard queue: receive everything hidden, then make it all visible again. */
  private int readAndRelease(String url, BufferedWriter out) throws IOException {
    Map<String, String> handles = new LinkedHashMap<>();
    try {
      int empty = 0;
      while (empty < EMPTY_RECEIVES) {
        List<Message> batch = receive(url);
        boolean fresh = false;
        for (Message m : batch) {
          // Seen again: its visibility ran out while reading; keep its newest handle, write it once.
          if (handles.put(m.messageId(), m.receiptHandle()) == null) {
            write(out, m);
            fresh = true;
          }
        }
        empty = fresh ? 0 : empty + 1;
      }
      return handles.size();
    } finally {
      release(url, new ArrayList<>(handles.values()));
    }
  }

  private void release(String url, List<String> handles) {
    for (int i = 0; i < handles.size(); i += 10) {
      List<ChangeMessageVisibilityBatchRequestEntry> entries = new ArrayList<>();
      for (int j = i; j < Math.min(handles.size(), i + 10); j++) {
        entries.add(ChangeMessageVisibilityBatchRequestEntry.builder().id("m" + j).receiptHandle(handles.get(j))
            .visibilityTimeout(0).build());
      }
      sqs.changeMessageVisibilityBatch(r -> r.queueUrl(url).entries(entries));
    }
  }

  /** FIFO queue: receive, write (flushed to disk), delete; then send everything back in order. */
  private int drainAndPutBack(String url, BufferedWriter out, Path file) throws IOException {
    List<Message> drained = new ArrayList<>();
    int empty = 0;
    try {
      while (empty < EMPTY_RECEIVES) {
        List<Message> batch = receive(url);
        if (batch.isEmpty()) {
          empty++;
          continue;
        }
        empty = 0;
        for (Message m : batch) {
          write(out, m);
        }
        out.flush();
        drained.addAll(batch);
        List<DeleteMessageBatchRequestEntry> deletes = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
          deletes.add(DeleteMessageBatchRequestEntry.builder().id("m" + i).receiptHandle(batch.get(i).receiptHandle()).build());
        }
        sqs.deleteMessageBatch(r -> r.queueUrl(url).entries(deletes));
      }
    } finally {
      new FifoPutBack(sqs, url).send(drained);
    }
    return drained.size();
  }

  private List<Message> receive(String url) {
    return sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).visibilityTimeout(VISIBILITY_SECONDS)
        .waitTimeSeconds(0).messageAttributeNames("All")
        .messageSystemAttributeNames(MessageSystemAttributeName.MESSAGE_GROUP_ID)).messages();
  }

  private static void write(BufferedWriter out, Message m) throws IOException {
    out.write(Manifest.LINE.writeValueAsString(json(m)));
    out.write('\n');
  }

  /** A message as a seed line: {body, attributes?, groupId?}. */
  static ObjectNode json(Message m) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("body", m.body());
    if (m.hasMessageAttributes() && !m.messageAttributes().isEmpty()) {
      ObjectNode attributes = node.putObject("attributes");
      new TreeMap<>(m.messageAttributes()).forEach((name, v) -> attributes.set(name, attribute(v)));
    }
    String group = m.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID);
    if (group != null) {
      node.put("groupId", group);
    }
    return node;
  }

  private static ObjectNode attribute(MessageAttributeValue v) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("dataType", v.dataType());
    if (v.binaryValue() != null) {
      node.put("binaryValue", Base64.getEncoder().encodeToString(v.binaryValue().asByteArray()));
    } else {
      node.put("stringValue", v.stringValue());
    }
    return node;
  }

  private static int count(Map<QueueAttributeName, String> attributes, QueueAttributeName name) {
    try {
      return Integer.parseInt(attributes.getOrDefault(name, "0"));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
