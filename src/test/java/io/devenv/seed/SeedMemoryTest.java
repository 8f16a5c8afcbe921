package io.devenv.seed;

import static org.assertj.core.api.Assertions.assertThat;

import io.devenv.aws.AwsClients;
import io.devenv.cli.Main;
import io.devenv.testing.MiniStackProcess;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * {@code devenv up} in a JVM whose heap is a quarter of the seed data it loads: the seeders stream
 * their files, so memory does not grow with the data. Run as its own process against MiniStack.
 */
class SeedMemoryTest {
  static final String HEAP = "-Xmx48m";
  /** Each file is about twice the heap; both together four times. */
  static final int MESSAGES = 840;
  static final int MESSAGE_PAD = 120 * 1024;
  static final int ITEMS = 2100;
  static final int ITEM_PAD = 48 * 1024;
  static final String QUEUE = "bulk.fifo";
  static final String TABLE = "bulk-items";

  @RegisterExtension
  static final MiniStackProcess ministack = new MiniStackProcess();

  @TempDir
  Path project;

  @Test
  @DisplayName("up with " + HEAP + " loads ~200 MB of queue and table seed data: exit 0, no OutOfMemoryError, every record once")
  void upStreamsSeedFilesLargerThanTheHeap() throws Exception {
    // Given a profile whose FIFO queue file and table file are each about twice the heap
    writeProfile();
    long queueBytes = writeMessages(project.resolve("messages.ndjson"));
    long tableBytes = writeItems(project.resolve("items.ndjson"));
    assertThat(queueBytes + tableBytes).as("seed data several times the heap").isGreaterThan(4L * 48 * 1024 * 1024);

    // When up runs in a JVM with that small heap
    Run run = devenv("up", "--detach", "--engine", "external", "--aws-endpoint", ministack.endpoint().toString());

    // Then it ends well, and the emulator holds exactly the file's records
    assertThat(run.output()).as("no heap exhaustion").doesNotContain("OutOfMemoryError").doesNotContain("Java heap space");
    assertThat(run.code()).as("exit code; output:\n" + tail(run.output())).isZero();
    try (AwsClients aws = AwsClients.of(ministack.endpoint(), "us-east-1")) {
      assertQueueHoldsEveryMessageInOrder(aws);
      assertTableHoldsEveryItem(aws);
    }

    // And seeding again, still streamed, sends nothing: the ledger holds every record
    Run again = devenv("seed", "--engine", "external", "--aws-endpoint", ministack.endpoint().toString());
    assertThat(again.code()).as("second seed; output:\n" + tail(again.output())).isZero();
    assertThat(again.output()).as("second seed")
        .contains("seed queue " + QUEUE + ": 0 sent, " + MESSAGES + " unchanged")
        .contains("seed table " + TABLE + ": 0 written, " + (ITEMS + 1) + " unchanged");
  }

  private void writeProfile() throws IOException {
    Files.createDirectories(project.resolve("profiles"));
    Files.writeString(project.resolve("profiles/default.yaml"), """
        name: seed-memory
        kubernetes:
          enabled: false
        aws:
          queues:
            - name: %s
              fifo: true
          tables:
            - name: %s
              partitionKey: { name: id, type: S }
        seed:
          queues:
            - { queue: %s, from: ../messages.ndjson }
          tables:
            - { table: %s, from: ../items.ndjson }
        """.formatted(QUEUE, TABLE, QUEUE, TABLE));
  }

  /** Two message groups, alternating, each message numbered in its group. */
  private static long writeMessages(Path file) throws IOException {
    String pad = "m".repeat(MESSAGE_PAD);
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (int i = 0; i < MESSAGES; i++) {
        w.write("{\"groupId\":\"g" + (i % 2) + "\",\"body\":\"" + (i / 2) + ":" + pad + "\"}\n");
      }
    }
    return Files.size(file);
  }

  /** Keys k-0 to k-(ITEMS-1); the last line repeats k-0 with another value, which wins. */
  private static long writeItems(Path file) throws IOException {
    String pad = "i".repeat(ITEM_PAD);
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (int i = 0; i < ITEMS; i++) {
        w.write("{\"id\":\"k-" + i + "\",\"n\":" + i + ",\"pad\":\"" + pad + "\"}\n");
      }
      w.write("{\"id\":\"k-0\",\"n\":-1,\"pad\":\"last\"}\n");
    }
    return Files.size(file);
  }

  private static void assertQueueHoldsEveryMessageInOrder(AwsClients aws) {
    String url = aws.sqs().getQueueUrl(r -> r.queueName(QUEUE)).queueUrl();
    Map<String, List<Integer>> byGroup = new HashMap<>();
    int received = 0;
    for (int round = 0; round < MESSAGES * 2 && received < MESSAGES; round++) {
      List<Message> batch = aws.sqs().receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1)
          .messageSystemAttributeNames(MessageSystemAttributeName.MESSAGE_GROUP_ID)).messages();
      if (batch.isEmpty()) {
        break;
      }
      List<DeleteMessageBatchRequestEntry> done = new ArrayList<>();
      for (Message m : batch) {
        String body = m.body();
        assertThat(body).as("message body").hasSize(body.indexOf(':') + 1 + MESSAGE_PAD);
        String group = m.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID);
        byGroup.computeIfAbsent(group, g -> new ArrayList<>()).add(Integer.parseInt(body.substring(0, body.indexOf(':'))));
        done.add(DeleteMessageBatchRequestEntry.builder().id("d" + done.size()).receiptHandle(m.receiptHandle()).build());
        received++;
      }
      aws.sqs().deleteMessageBatch(r -> r.queueUrl(url).entries(done));
    }
    List<Integer> expected = java.util.stream.IntStream.range(0, MESSAGES / 2).boxed().toList();
    assertThat(received).as("messages received").isEqualTo(MESSAGES);
    assertThat(byGroup.get("g0")).as("group g0, first to last, in file order").isEqualTo(expected);
    assertThat(byGroup.get("g1")).as("group g1, first to last, in file order").isEqualTo(expected);
  }

  private static void assertTableHoldsEveryItem(AwsClients aws) {
    int count = 0;
    Map<String, AttributeValue> last = null;
    do {
      Map<String, AttributeValue> start = last;
      var page = aws.dynamo().scan(r -> r.tableName(TABLE).exclusiveStartKey(start).attributesToGet("id"));
      count += page.count();
      last = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
    } while (last != null);
    assertThat(count).as("items in the table: one per key").isEqualTo(ITEMS);
    Map<String, AttributeValue> first = aws.dynamo().getItem(r -> r.tableName(TABLE).key(Map.of("id", AttributeValue.fromS("k-0")))).item();
    assertThat(first.get("n").n()).as("k-0: the later line wins").isEqualTo("-1");
    assertThat(first.get("pad").s()).isEqualTo("last");
    String lastKey = "k-" + (ITEMS - 1);
    Map<String, AttributeValue> end = aws.dynamo().getItem(r -> r.tableName(TABLE).key(Map.of("id", AttributeValue.fromS(lastKey)))).item();
    assertThat(end.get("n").n()).as(lastKey).isEqualTo(Integer.toString(ITEMS - 1));
    assertThat(end.get("pad").s()).as(lastKey + " pad").hasSize(ITEM_PAD);
  }

  record Run(int code, String output) {}

  /** devenv in its own JVM with the small heap; output and errors together. */
  private Run devenv(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        HEAP, "-cp", System.getProperty("java.class.path"), Main.class.getName(), "--project-dir", project.toString()));
    command.addAll(List.of(args));
    Path log = project.resolve("devenv.log");
    Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!child.waitFor(10, TimeUnit.MINUTES)) {
      child.destroyForcibly().waitFor();
      return new Run(-1, Files.readString(log) + "\n(killed after 10 minutes)");
    }
    return new Run(child.exitValue(), Files.readString(log));
  }

  private static String tail(String output) {
    return output.length() <= 4000 ? output : "..." + output.substring(output.length() - 4000);
  }
}
