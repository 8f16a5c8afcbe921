package io.devenv.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devenv.aws.AwsClients;
import io.devenv.aws.AwsProvisioner;
import io.devenv.core.DevenvException;
import io.devenv.core.Progress;
import io.devenv.profile.Profile;
import io.devenv.profile.ProfileLoader;
import io.devenv.seed.KnownObjects;
import io.devenv.seed.SeedReport;
import io.devenv.seed.Seeder;
import io.devenv.testing.Emulator;
import io.devenv.testing.EmulatorProcess;
import io.devenv.testing.OnEachEmulator;
import io.devenv.testing.TestProfiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * The sample platform's AWS side on each emulator: seeded, changed, saved, changed again, restored;
 * read back byte for byte. Then the checks that refuse a checkpoint before anything is emptied.
 * On LocalStack, which cannot serve DynamoDB here, the platform without its tables.
 */
@OnEachEmulator
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CheckpointRoundTripTest {
  static EmulatorProcess ministack;
  static Path project;
  static Profile PROFILE;

  @org.junit.jupiter.params.Parameter
  Emulator kind;
  static final CheckpointName NAME = new CheckpointName("step-3");

  static Map<String, Object> saved;
  static Map<String, Map<String, List<String>>> savedMessages;
  static Manifest manifest;

  @BeforeParameterizedClassInvocation
  static void seeded(Emulator kind) throws Exception {
    ministack = kind.start();
    project = Files.createTempDirectory("devenv-checkpoint-");
    PROFILE = ProfileLoader.load(TestProfiles.projectRoot().resolve(
        kind.offers(io.devenv.engine.AwsService.DYNAMODB) ? "profiles/aws-only.yaml" : "profiles/aws-no-dynamodb.yaml"));
    try (AwsClients aws = new AwsClients(ministack.awsAccess())) {
      new AwsProvisioner(aws, Progress.SILENT).provision(PROFILE);
      new Seeder(aws, Progress.SILENT).seed(PROFILE, false);
    }
  }

  @AfterParameterizedClassInvocation
  static void stop() throws Exception {
    if (ministack != null) {
      ministack.stop();
      ministack = null;
    }
    if (project != null) {
      CheckpointStore.delete(project);
      project = null;
    }
  }

  static boolean tables() {
    return !PROFILE.aws().tables().isEmpty();
  }

  @Test
  @Order(1)
  @DisplayName("save reads every resource without taking anything: the queues still hold the same messages, in group order")
  void saveLosesNothing() throws Exception {
    try (AwsClients aws = new AwsClients(ministack.awsAccess())) {
      // Given the seeded platform, changed by a test
      int thumbnailsBefore = depth(aws, "thumbnails");
      Changes.first(aws, tables());
      int thumbnailsExpected = thumbnailsBefore + Changes.THUMBNAILS_SENT + 1 /* the S3 notification */ - Changes.THUMBNAILS_TAKEN;
      // LocalStack delivers S3 notifications asynchronously: the test's changes are done once it has arrived
      awaitDepth(aws, "thumbnails", thumbnailsExpected);
      saved = LiveState.data(aws, PROFILE);
      // Objects written two seconds before a save have versions a restore may trust (BucketSaverTest: not those written since)
      Thread.sleep(2_100);

      // When
      manifest = new CheckpointSaver(aws, new CheckpointStore(project), Progress.SILENT, "test").save(PROFILE, NAME);

      // Then the manifest names the profile and counts what is there
      assertThat(manifest.profile()).as("profile").isEqualTo(PROFILE.name());
      if (tables()) {
        assertThat(manifest.tables()).as("tables with their key schema")
            .anySatisfy(t -> assertThat(t.keys()).containsExactly(Map.entry("userId", "S"), Map.entry("key", "S")));
      }
      Manifest.Queue events = manifest.queues().stream().filter(q -> q.name().equals("events")).findFirst().orElseThrow();
      assertThat(events.notSaved()).as("messages held in flight by a consumer, not saved").isEqualTo(Changes.EVENTS_IN_FLIGHT);
      assertThat(Files.isDirectory(project.resolve(".devenv/checkpoints/step-3/buckets/vod-images"))).as("bucket tree").isTrue();
      Map<String, KnownObjects.Version> versions = BucketSaver.versions(
          project.resolve(".devenv/checkpoints/step-3/buckets/vod-images.objects.ndjson"));
      assertThat(versions).as("versions a restore may trust: every object, all written over 2 s before the save")
          .containsOnlyKeys(((Map<?, ?>) saved.get("bucket vod-images")).keySet().stream().map(String::valueOf).toArray(String[]::new));
      assertThat(project.resolve(".devenv/checkpoints")).as("no temporary directory left")
          .isDirectoryNotContaining(p -> p.getFileName().toString().startsWith("."));

      // And every message is still in its queue, once, FIFO groups in their order
      savedMessages = LiveState.drainMessages(aws, PROFILE);
      assertThat(LiveState.count(savedMessages, "thumbnails")).as("thumbnails messages after save").isEqualTo(thumbnailsExpected);
      for (Manifest.Queue q : manifest.queues()) {
        assertThat(LiveState.count(savedMessages, q.name())).as("messages of " + q.name() + " after save = saved").isEqualTo(q.messages());
      }
      assertThat(savedMessages.get("orders.fifo")).as("FIFO groups").hasSizeGreaterThan(1);
      assertThat(savedMessages.get("orders.fifo").get("customer-new")).as("a group's order")
          .containsExactly(Changes.FIFO_NEW.stream().map(b -> b + " {}").toArray(String[]::new));
    }
  }

  @Test
  @Order(2)
  @DisplayName("changed again and restored: objects, items, secrets, parameters and messages are exactly as saved")
  void restoreIsExact() {
    try (AwsClients aws = new AwsClients(ministack.awsAccess())) {
      // Given the saved messages back in their queues (the save test took them to read them), then more changes
      new CheckpointRestorer(aws, new CheckpointStore(project), Progress.SILENT).restore(PROFILE, NAME);
      Changes.second(aws, tables());
      assertThat(LiveState.data(aws, PROFILE)).as("state changed again").isNotEqualTo(saved);

      // When
      SeedReport report = new CheckpointRestorer(aws, new CheckpointStore(project), Progress.SILENT).restore(PROFILE, NAME);

      // Then
      assertThat(report.loaded()).as("records loaded").isEqualTo(manifest.objects() + manifest.items() + manifest.messages()
          + manifest.secrets().size() + manifest.parameters().size() - unchangedValues(report));
      assertThat(LiveState.data(aws, PROFILE)).as("objects, items, secrets, parameters").isEqualTo(saved);
      Map<String, Map<String, List<String>>> restored = LiveState.drainMessages(aws, PROFILE);
      for (String queue : savedMessages.keySet()) {
        List<String> extra = new java.util.ArrayList<>(restored.get(queue).values().stream().flatMap(List::stream).toList());
        savedMessages.get(queue).values().forEach(extra::removeAll);
        assertThat(extra).as("messages of " + queue + " that were not saved").isEmpty();
      }
      assertThat(LiveState.counts(restored)).as("messages per queue").isEqualTo(LiveState.counts(savedMessages));
      for (String queue : savedMessages.keySet()) {
        assertThat(restored.get(queue)).as("messages of " + queue).isEqualTo(savedMessages.get(queue));
      }
    }
  }

  @Test
  @Order(3)
  @DisplayName("after a restore, a seed run without reset loads nothing over the restored data")
  void ledgerKeepsRestoredData() {
    try (AwsClients aws = new AwsClients(ministack.awsAccess())) {
      new CheckpointRestorer(aws, new CheckpointStore(project), Progress.SILENT).restore(PROFILE, NAME);
      SeedReport twice = new CheckpointRestorer(aws, new CheckpointStore(project), Progress.SILENT).restore(PROFILE, NAME);
      if (tables()) {
        assertThat(twice.target("table", "user-preferences").loaded()).as("items written again by a restore over the same data")
            .isZero();
      }
      SeedReport again = new Seeder(aws, Progress.SILENT).seed(PROFILE, false);
      assertThat(again.loaded()).as("records the next up would seed").isZero();
      assertThat(LiveState.data(aws, PROFILE)).as("data").isEqualTo(saved);
    }
  }

  @Test
  @Order(4)
  @DisplayName("a checkpoint of another profile, a changed key schema or a damaged file is refused before anything is emptied")
  void refusedBeforeEmptying() throws Exception {
    try (AwsClients aws = new AwsClients(ministack.awsAccess())) {
      CheckpointStore store = new CheckpointStore(project);
      Changes.second(aws, tables());
      Map<String, Object> before = LiveState.data(aws, PROFILE);
      Profile other = TestProfiles.profile("other-profile", PROFILE.aws(), PROFILE.seed());

      assertThatThrownBy(() -> new CheckpointRestorer(aws, store, Progress.SILENT).restore(other, NAME))
          .isInstanceOfSatisfying(DevenvException.class, e -> assertThat(e.exitCode()).isEqualTo(2))
          .hasMessage("checkpoint step-3 not restored, nothing changed: it was saved from profile " + PROFILE.name() + ", not"
              + " other-profile; pass --profile for that profile, or save a checkpoint of this one");

      if (tables()) {
        rekeyedRefused(aws, store);
      }
      String file = tables() ? "tables/catalog.ndjson" : "queues/orders.fifo.ndjson";
      CheckpointName damaged = copy(store, "damaged");
      Files.writeString(store.dir(damaged).resolve(file), "{\"id\":{\"S\":\"x\"}}\n",
          java.nio.file.StandardOpenOption.APPEND);
      assertThatThrownBy(() -> new CheckpointRestorer(aws, store, Progress.SILENT).restore(PROFILE, damaged))
          .hasMessageContaining(file + " does not match the hash in its manifest");

      assertThat(LiveState.data(aws, PROFILE)).as("nothing was emptied").isEqualTo(before);
    }
  }

  @Test
  @Order(5)
  @DisplayName("a restore after a small change writes only what changed: untouched objects keep their LastModified, values their version")
  void onlyTheChangedPartIsWritten() throws Exception {
    try (AwsClients aws = new AwsClients(ministack.awsAccess())) {
      // Given the checkpoint's state, as the emulator dates it
      CheckpointStore store = new CheckpointStore(project);
      new CheckpointRestorer(aws, store, Progress.SILENT).restore(PROFILE, NAME);
      Map<String, java.time.Instant> dates = lastModified(aws);
      String secretVersion = aws.secrets().getSecretValue(r -> r.secretId("catalog/tls-key")).versionId();
      Map<String, Long> parameterVersions = new java.util.TreeMap<>();
      PROFILE.aws().parameters().forEach(p -> parameterVersions.put(p.name(),
          aws.ssm().getParameter(r -> r.name(p.name())).parameter().version()));
      // A second passes, so that an object written again gets another LastModified
      Thread.sleep(1_100);

      // When one object's bytes change, another's headers only, one secret changes, and the checkpoint is restored
      List<String> keys = List.copyOf(dates.keySet());
      String rewritten = keys.get(0);
      String retagged = keys.get(1);
      assertThat(BucketSaver.versions(store.dir(NAME).resolve("buckets/vod-images.objects.ndjson"))).as("trusted versions")
          .containsKey(retagged);
      aws.s3().putObject(r -> r.bucket("vod-images").key(rewritten), RequestBody.fromString("changed bytes"));
      aws.s3().copyObject(r -> r.sourceBucket("vod-images").sourceKey(retagged).destinationBucket("vod-images")
          .destinationKey(retagged).metadataDirective("REPLACE").contentType("application/x-changed").metadata(Map.of("by", "test")));
      aws.secrets().putSecretValue(r -> r.secretId("catalog/db").secretString("{\"user\":\"small change\"}"));
      SeedReport report = new CheckpointRestorer(aws, store, Progress.SILENT).restore(PROFILE, NAME);

      // Then the data is exactly the checkpoint's
      assertThat(LiveState.data(aws, PROFILE)).as("objects, items, secrets, parameters").isEqualTo(saved);
      // And only the two changed objects were written: the others keep their date, as the emulator says
      assertThat(report.target("bucket", "vod-images").loaded()).as("objects uploaded").isEqualTo(2);
      Map<String, java.time.Instant> after = lastModified(aws);
      assertThat(after.keySet()).isEqualTo(dates.keySet());
      for (String key : keys) {
        if (key.equals(rewritten) || key.equals(retagged)) {
          assertThat(after.get(key)).as("LastModified of " + key + ", written again").isAfter(dates.get(key));
        } else {
          assertThat(after.get(key)).as("LastModified of " + key + ", left alone").isEqualTo(dates.get(key));
        }
      }
      // And the unchanged secret and parameters were not written (a write makes a new version)
      assertThat(aws.secrets().getSecretValue(r -> r.secretId("catalog/tls-key")).versionId()).as("unchanged secret's version")
          .isEqualTo(secretVersion);
      PROFILE.aws().parameters().forEach(p -> assertThat(aws.ssm().getParameter(r -> r.name(p.name())).parameter().version())
          .as("version of unchanged parameter " + p.name()).isEqualTo(parameterVersions.get(p.name())));
    }
  }

  private static Map<String, java.time.Instant> lastModified(AwsClients aws) {
    Map<String, java.time.Instant> dates = new java.util.TreeMap<>();
    aws.s3().listObjectsV2Paginator(r -> r.bucket("vod-images")).contents().forEach(o -> dates.put(o.key(), o.lastModified()));
    return dates;
  }

  private static void rekeyedRefused(AwsClients aws, CheckpointStore store) throws Exception {
    CheckpointName rekeyed = copy(store, "rekeyed");
    Path manifestFile = store.dir(rekeyed).resolve("manifest.json");
    Files.writeString(manifestFile, Files.readString(manifestFile).replace("\"id\" : \"S\"", "\"id\" : \"N\""));
    assertThatThrownBy(() -> new CheckpointRestorer(aws, store, Progress.SILENT).restore(PROFILE, rekeyed))
        .isInstanceOfSatisfying(DevenvException.class, e -> assertThat(e.exitCode()).isEqualTo(2))
        .hasMessage("checkpoint rekeyed not restored, nothing changed: table catalog is now keyed (id S) but its items were"
            + " saved keyed (id N)");
  }

  private static CheckpointName copy(CheckpointStore store, String name) throws Exception {
    CheckpointName copy = new CheckpointName(name);
    Path from = store.dir(NAME);
    try (var walk = Files.walk(from)) {
      for (Path p : walk.toList()) {
        Path to = store.dir(copy).resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else {
          Files.copy(p, to);
        }
      }
    }
    return copy;
  }

  private static int unchangedValues(SeedReport report) {
    return report.unchanged();
  }

  static void awaitDepth(AwsClients aws, String queue, int expected) {
    long until = System.nanoTime() + 10_000_000_000L;
    while (depth(aws, queue) < expected && System.nanoTime() < until) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  static int depth(AwsClients aws, String queue) {
    String url = aws.sqs().getQueueUrl(r -> r.queueName(queue)).queueUrl();
    return Integer.parseInt(aws.sqs().getQueueAttributes(r -> r.queueUrl(url)
        .attributeNamesWithStrings("ApproximateNumberOfMessages")).attributesAsStrings().get("ApproximateNumberOfMessages"));
  }

  /** What a test does to the platform between seeding and saving, and after saving. */
  static final class Changes {
    static final int THUMBNAILS_SENT = 12;
    static final int THUMBNAILS_TAKEN = 20;
    static final int EVENTS_IN_FLIGHT = 2;
    static final List<String> FIFO_NEW = List.of("new-1", "new-2", "new-3", "new-4", "new-5", "new-6", "new-7", "new-8",
        "new-9", "new-10", "new-11", "new-12");

    static void first(AwsClients aws) {
      first(aws, true);
    }

    static void second(AwsClients aws) {
      second(aws, true);
    }

    static void first(AwsClients aws, boolean tables) {
      // Objects: a new one with its own headers (under uploads/, which notifies the thumbnails queue), one deleted
      aws.s3().putObject(r -> r.bucket("vod-images").key("originals/2024/raw upload é.bin").contentType("application/x-raw")
          .metadata(Map.of("owner", "alice", "trace-id", "abc-123")).cacheControl("max-age=60").contentDisposition("inline"),
          RequestBody.fromBytes(new byte[] {0, 1, 2, (byte) 0xff, 10, 13}));
      String first = aws.s3().listObjectsV2(r -> r.bucket("vod-images")).contents().get(0).key();
      aws.s3().deleteObject(r -> r.bucket("vod-images").key(first));
      // Items: every type, and a deletion
      if (!tables) {
        firstValuesAndMessages(aws);
        return;
      }
      aws.dynamo().putItem(r -> r.tableName("user-preferences").item(Map.of(
          "userId", AttributeValue.fromS("user-new"), "key", AttributeValue.fromS("all-types"),
          "n", AttributeValue.fromN("1.50"), "big", AttributeValue.fromN("12345678901234567890.000001"),
          "b", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {0, (byte) 0xfe})),
          "ss", AttributeValue.fromSs(List.of("a", "b")), "ns", AttributeValue.fromNs(List.of("1", "2.5")),
          "bs", AttributeValue.fromBs(List.of(SdkBytes.fromByteArray(new byte[] {1}))),
          "nested", AttributeValue.fromM(Map.of("l", AttributeValue.fromL(List.of(AttributeValue.fromNul(true),
              AttributeValue.fromBool(false))))))));
      var someItem = aws.dynamo().scan(r -> r.tableName("catalog").limit(1)).items().get(0);
      aws.dynamo().deleteItem(r -> r.tableName("catalog").key(Map.of("id", someItem.get("id"))));
      firstValuesAndMessages(aws);
    }

    static void firstValuesAndMessages(AwsClients aws) {
      // Messages: sent with every attribute type, half taken by a consumer, some held in flight
      String thumbnails = url(aws, "thumbnails");
      for (int i = 0; i < THUMBNAILS_SENT; i++) {
        int n = i;
        aws.sqs().sendMessage(r -> r.queueUrl(thumbnails).messageBody("{\"job\":\"extra-" + n + "\"}").messageAttributes(Map.of(
            "raw", MessageAttributeValue.builder().dataType("Binary").binaryValue(SdkBytes.fromByteArray(new byte[] {(byte) n, 0})).build(),
            "count", MessageAttributeValue.builder().dataType("Number.int").stringValue("00" + n).build(),
            "label", MessageAttributeValue.builder().dataType("String.custom").stringValue("é " + n).build())));
      }
      take(aws, thumbnails, THUMBNAILS_TAKEN);
      String events = url(aws, "events");
      for (int i = 0; i < 4; i++) {
        int n = i;
        aws.sqs().sendMessage(r -> r.queueUrl(events).messageBody("event-" + n));
      }
      aws.sqs().receiveMessage(r -> r.queueUrl(events).maxNumberOfMessages(EVENTS_IN_FLIGHT).visibilityTimeout(600));
      String orders = url(aws, "orders.fifo");
      take(aws, orders, 5);
      for (int i = 0; i < FIFO_NEW.size(); i += 10) {
        List<SendMessageBatchRequestEntry> entries = new java.util.ArrayList<>();
        for (int j = i; j < Math.min(FIFO_NEW.size(), i + 10); j++) {
          entries.add(SendMessageBatchRequestEntry.builder().id("e" + j).messageBody(FIFO_NEW.get(j))
              .messageGroupId("customer-new").messageDeduplicationId("d-" + j).build());
        }
        aws.sqs().sendMessageBatch(r -> r.queueUrl(orders).entries(entries));
      }
      // Values
      aws.secrets().putSecretValue(r -> r.secretId("catalog/db").secretString("{\"user\":\"changed\"}"));
      aws.ssm().putParameter(r -> r.name("/vod/catalog/page-size").value("75").type("String").overwrite(true));
    }

    static void second(AwsClients aws, boolean tables) {
      aws.s3().putObject(r -> r.bucket("vod-images").key("later.txt"), RequestBody.fromString("later"));
      aws.s3().putObject(r -> r.bucket("vod-images").key("originals/2024/raw upload é.bin").contentType("text/plain"),
          RequestBody.fromString("overwritten"));
      if (tables) {
        aws.dynamo().putItem(r -> r.tableName("catalog").item(Map.of("id", AttributeValue.fromS("later"))));
        var someItem = aws.dynamo().scan(r -> r.tableName("user-preferences").limit(1)).items().get(0);
        aws.dynamo().deleteItem(r -> r.tableName("user-preferences").key(Map.of("userId", someItem.get("userId"), "key", someItem.get("key"))));
      }
      aws.sqs().sendMessage(r -> r.queueUrl(url(aws, "thumbnails")).messageBody("later"));
      aws.sqs().sendMessage(r -> r.queueUrl(url(aws, "orders.fifo")).messageBody("later").messageGroupId("customer-001")
          .messageDeduplicationId("later-" + System.nanoTime()));
      aws.secrets().putSecretValue(r -> r.secretId("catalog/db").secretString("{\"user\":\"later\"}"));
      aws.ssm().putParameter(r -> r.name("/vod/catalog/api-key").value("later").type("SecureString").overwrite(true));
    }

    static String url(AwsClients aws, String queue) {
      return aws.sqs().getQueueUrl(r -> r.queueName(queue)).queueUrl();
    }

    /** Receives and deletes {@code n} messages, as a consumer would. */
    static void take(AwsClients aws, String url, int n) {
      int taken = 0;
      for (int attempt = 0; taken < n && attempt < 50; attempt++) {
        int want = Math.min(10, n - taken);
        List<Message> got = aws.sqs().receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(want).visibilityTimeout(60)).messages();
        for (Message m : got) {
          aws.sqs().deleteMessage(r -> r.queueUrl(url).receiptHandle(m.receiptHandle()));
        }
        taken += got.size();
      }
      assertThat(taken).as("messages taken from " + url).isEqualTo(n);
    }
  }
}
