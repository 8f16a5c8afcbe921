package io.devenv.seed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.devenv.aws.AwsClients;
import io.devenv.core.DevenvException;
import io.devenv.profile.SeedSpec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * Sends an NDJSON file of messages ({@code {body, attributes?, groupId?, deduplicationId?}}) to
 * an SQS queue with SendMessageBatch: 10 messages or 256 KiB a batch, one batch at a time in file
 * order (other targets run meanwhile). The file is streamed, twice: to check and count, then to
 * send; memory holds one batch, whatever the file's size. Each batch's ids are recorded as soon as the queue
 * acknowledges it and before the next batch is sent, so a run that stops half-way resumes where
 * it stopped: at most the one batch in flight at the stop is in doubt. A FIFO queue's messages
 * carry a deduplication id derived from the record, so the queue drops even that resend; a
 * standard queue, at-least-once by contract, may then hold that batch twice.
 */
final class QueueSeeder extends LedgeredTarget {
  static final int BATCH = 10;
  static final int MAX_BATCH_BYTES = 256 * 1024;
  private static final Set<String> FIELDS = Set.of("body", "attributes", "groupId", "deduplicationId");

  private final SeedSpec.QueueSeed seed;
  private String url;
  private boolean fifo;
  private boolean reset;
  /** The file as prepare read it: the second read must see the same file. */
  private FileStamp stamp;
  /**
   * Part of the deduplication ids sent: empty for a normal run, so a resumed run's resend is
   * dropped by the queue; unique for a reset, whose purge does not clear the queue's 5-minute
   * deduplication window and whose messages would otherwise be dropped as repeats.
   */
  private String run = "";

  private record Message(SeedRecord record, SendMessageBatchRequestEntry entry, int bytes) {}

  /** The queue was just made on an emulator known empty: its URL is asked for when sending starts, not before. */
  private final boolean empty;

  QueueSeeder(AwsClients aws, SeedSpec.QueueSeed seed, SeedLedger ledger) {
    this(aws, seed, ledger, false);
  }

  QueueSeeder(AwsClients aws, SeedSpec.QueueSeed seed, SeedLedger ledger, boolean empty) {
    super("queue", seed.queue(), aws, ledger);
    this.seed = seed;
    this.empty = empty;
  }

  /**
   * Checks every message and counts what the ledger holds, streaming the file; nothing of it is
   * kept. The file is read again to send ({@link #produce}).
   */
  @Override
  void prepare(boolean reset) {
    fifo = seed.queue().endsWith(".fifo");
    this.reset = reset;
    run = reset ? Long.toHexString(System.nanoTime() ^ java.util.concurrent.ThreadLocalRandom.current().nextLong()) + "-" : "";
    if (!empty || reset) {
      url = url();
    }
    openEntry();
    stamp = FileStamp.of(seed.from());
    SeedFileReader.stream(seed.from(), record -> {
      message(record);
      total++;
      if (!reset && entry.contains(record.id())) {
        skipped++;
      }
    });
  }

  private String url() {
    try {
      return aws.sqs().getQueueUrl(r -> r.queueName(seed.queue())).queueUrl();
    } catch (QueueDoesNotExistException e) {
      // A wrong file is said before a missing queue, as when the file was read first.
      SeedFileReader.stream(seed.from(), this::message);
      throw DevenvException.invalid(seed.origin() + ": queue " + seed.queue() + " does not exist: declare it under aws.queues");
    }
  }

  @Override
  boolean streamed() {
    return true;
  }

  /** Reads the file again and sends it batch by batch, in file order: one batch held at a time. */
  @Override
  void produce(Units units) {
    if (total == skipped) {
      return;
    }
    stamp.check(seed.from());
    if (url == null) {
      url = url();
    }
    List<Message> batch = new ArrayList<>();
    int[] bytes = {0};
    SeedFileReader.stream(seed.from(), record -> {
      if (!reset && entry.contains(record.id())) {
        return;
      }
      Message m = message(record);
      if (batch.size() == BATCH || bytes[0] + m.bytes() > MAX_BATCH_BYTES) {
        List<Message> full = List.copyOf(batch);
        units.add(() -> send(full), bytes[0]);
        batch.clear();
        bytes[0] = 0;
      }
      batch.add(m);
      bytes[0] += m.bytes();
    });
    if (!batch.isEmpty()) {
      List<Message> last = List.copyOf(batch);
      units.add(() -> send(last), bytes[0]);
    }
  }

  private MessageAttributeValue plainAttribute(SeedRecord record, String name, JsonNode v) {
    if (!v.isValueNode() || v.isNull()) {
      throw SeedFileReader.invalid(seed.from(), record.line(), "attribute " + name + " must be a string, number, boolean or"
          + " {dataType, stringValue | binaryValue}");
    }
    return MessageAttributeValue.builder().dataType(v.isNumber() ? "Number" : "String")
        .stringValue(v.isNumber() ? ItemConverter.number(v) : v.asText()).build();
  }

  /** {@code {dataType, stringValue}} or {@code {dataType, binaryValue}}: any type SQS has, exactly as read from a queue. */
  private MessageAttributeValue typedAttribute(SeedRecord record, String name, JsonNode v) {
    String dataType = v.path("dataType").asText("");
    JsonNode text = v.get("stringValue");
    JsonNode binary = v.get("binaryValue");
    if (dataType.isEmpty() || (text == null) == (binary == null) || v.size() != 2) {
      throw SeedFileReader.invalid(seed.from(), record.line(), "attribute " + name
          + " must be {dataType, stringValue} or {dataType, binaryValue}");
    }
    MessageAttributeValue.Builder b = MessageAttributeValue.builder().dataType(dataType);
    if (text != null) {
      return b.stringValue(text.asText()).build();
    }
    try {
      return b.binaryValue(software.amazon.awssdk.core.SdkBytes.fromByteArray(java.util.Base64.getDecoder().decode(binary.asText()))).build();
    } catch (IllegalArgumentException e) {
      throw SeedFileReader.invalid(seed.from(), record.line(), "attribute " + name + ": binaryValue is not base64");
    }
  }

  private Message message(SeedRecord record) {
    JsonNode node = record.node();
    for (var it = node.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!FIELDS.contains(field)) {
        throw SeedFileReader.invalid(seed.from(), record.line(), "unknown field \"" + field + "\"; a message has " + FIELDS);
      }
    }
    JsonNode body = node.get("body");
    if (body == null || body.isNull()) {
      throw SeedFileReader.invalid(seed.from(), record.line(), "the message has no body");
    }
    String text;
    try {
      text = body.isTextual() ? body.textValue() : SeedFileReader.JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw SeedFileReader.invalid(seed.from(), record.line(), "the body cannot be written as JSON");
    }
    if (text.isEmpty()) {
      throw SeedFileReader.invalid(seed.from(), record.line(), "the body is empty; SQS needs at least one character");
    }
    int bytes = text.getBytes(StandardCharsets.UTF_8).length;
    SendMessageBatchRequestEntry.Builder b = SendMessageBatchRequestEntry.builder().messageBody(text);
    JsonNode attributes = node.get("attributes");
    if (attributes != null && !attributes.isNull()) {
      if (!attributes.isObject()) {
        throw SeedFileReader.invalid(seed.from(), record.line(), "attributes must be an object of names to values");
      }
      Map<String, MessageAttributeValue> map = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> f : attributes.properties()) {
        JsonNode v = f.getValue();
        MessageAttributeValue value = v.isObject() ? typedAttribute(record, f.getKey(), v) : plainAttribute(record, f.getKey(), v);
        map.put(f.getKey(), value);
        bytes += f.getKey().length() + value.dataType().length()
            + (value.stringValue() != null ? value.stringValue().getBytes(StandardCharsets.UTF_8).length : value.binaryValue().asByteArray().length);
      }
      b.messageAttributes(map);
    }
    String groupId = node.path("groupId").asText(null);
    if (fifo) {
      if (groupId == null || groupId.isEmpty()) {
        throw SeedFileReader.invalid(seed.from(), record.line(), "queue " + seed.queue() + " is FIFO: the message needs a groupId");
      }
      b.messageGroupId(groupId);
      // A stable id per record lets the queue itself drop a resend within its 5-minute window.
      String dedup = node.path("deduplicationId").asText(null);
      b.messageDeduplicationId(dedup != null && !dedup.isEmpty() ? dedup : "devenv-" + run + Long.toHexString(record.id()));
    } else if (groupId != null || node.has("deduplicationId")) {
      throw SeedFileReader.invalid(seed.from(), record.line(),
          "groupId and deduplicationId are for FIFO queues; " + seed.queue() + " is a standard queue");
    }
    return new Message(record, b.build(), bytes);
  }

  @Override
  void clear() {
    aws.sqs().purgeQueue(r -> r.queueUrl(url));
    entry.clear();
  }

  @Override
  boolean ordered() {
    // One batch in flight per queue bounds what a crash leaves in doubt to that batch.
    return true;
  }

  private void send(List<Message> batch) {
    Map<String, Message> remaining = new LinkedHashMap<>();
    for (int i = 0; i < batch.size(); i++) {
      remaining.put("m" + i, batch.get(i));
    }
    Backoff backoff = new Backoff();
    while (!remaining.isEmpty()) {
      List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
      remaining.forEach((id, m) -> entries.add(m.entry().toBuilder().id(id).build()));
      SendMessageBatchResponse response = aws.sqs().sendMessageBatch(r -> r.queueUrl(url).entries(entries));
      List<Long> sent = new ArrayList<>();
      response.successful().forEach(s -> sent.add(remaining.remove(s.id()).record().id()));
      entry.add(sent);
      loaded.addAndGet(sent.size());
      // Record before sending more: a message sent but not recorded would be sent again after a crash.
      entry.flushAll();
      Map<String, BatchResultErrorEntry> failed = new HashMap<>();
      response.failed().forEach(f -> failed.put(f.id(), f));
      for (BatchResultErrorEntry f : failed.values()) {
        if (Boolean.TRUE.equals(f.senderFault())) {
          throw SeedFileReader.invalid(seed.from(), remaining.get(f.id()).record().line(),
              "queue " + seed.queue() + " refused the message: " + f.code() + ": " + f.message());
        }
      }
      if (!remaining.isEmpty() && !backoff.pause()) {
        throw DevenvException.failure("seed queue " + seed.queue() + ": " + remaining.size()
            + " messages still refused after " + backoff.attempts() + " attempts", null);
      }
    }
  }

  @Override
  String verb() {
    return "sent";
  }
}
