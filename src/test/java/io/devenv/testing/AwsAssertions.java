package io.devenv.testing;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/** Reads back what is in the emulator, through the AWS SDK, in forms tests can compare. */
public final class AwsAssertions {
  private AwsAssertions() {}

  /** Every item of a table, as plain Java values (numbers as BigDecimal without trailing zeros). */
  public static List<Map<String, Object>> scan(DynamoDbClient dynamo, String table) {
    List<Map<String, Object>> items = new ArrayList<>();
    dynamo.scanPaginator(r -> r.tableName(table)).items().forEach(i -> items.add(plain(i)));
    return items;
  }

  public static Map<String, Object> plain(Map<String, AttributeValue> item) {
    Map<String, Object> map = new LinkedHashMap<>();
    item.forEach((k, v) -> map.put(k, plain(v)));
    return map;
  }

  public static Object plain(AttributeValue v) {
    if (v.s() != null) {
      return v.s();
    }
    if (v.n() != null) {
      return new BigDecimal(v.n()).stripTrailingZeros();
    }
    if (v.b() != null) {
      return "b64:" + Base64.getEncoder().encodeToString(v.b().asByteArray());
    }
    if (v.bool() != null) {
      return v.bool();
    }
    if (Boolean.TRUE.equals(v.nul())) {
      return "<null>";
    }
    if (v.hasL()) {
      return v.l().stream().map(AwsAssertions::plain).toList();
    }
    if (v.hasM()) {
      return plain(v.m());
    }
    if (v.hasSs()) {
      return v.ss().stream().sorted().toList();
    }
    if (v.hasNs()) {
      return v.ns().stream().map(n -> new BigDecimal(n).stripTrailingZeros()).sorted().toList();
    }
    return v.toString();
  }

  /**
   * Receives (and deletes) messages until one satisfies {@code wanted} or {@code timeout} passes;
   * returns every message received. For events an emulator delivers asynchronously (LocalStack
   * sends S3 notifications from a worker thread, some time after PutObject answers).
   */
  public static List<Message> awaitMessage(SqsClient sqs, String queueUrl, java.util.function.Predicate<Message> wanted,
      Duration timeout) {
    List<Message> all = new ArrayList<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline && all.stream().noneMatch(wanted)) {
      List<Message> batch = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)
          .visibilityTimeout(600)).messages();
      all.addAll(batch);
      for (Message m : batch) {
        sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
      }
    }
    return all;
  }

  /**
   * Receives and deletes every message of a queue, in the order the queue gives them, until it
   * answers empty twice or {@code timeout} passes.
   */
  public static List<Message> drain(SqsClient sqs, String queueUrl, Duration timeout) {
    List<Message> all = new ArrayList<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    int empty = 0;
    while (empty < 2 && System.nanoTime() < deadline) {
      List<Message> batch = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(0)
          .visibilityTimeout(600).messageAttributeNames("All")
          .messageSystemAttributeNames(MessageSystemAttributeName.MESSAGE_GROUP_ID)).messages();
      if (batch.isEmpty()) {
        empty++;
        continue;
      }
      empty = 0;
      all.addAll(batch);
      for (Message m : batch) {
        sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
      }
    }
    return all;
  }
}
