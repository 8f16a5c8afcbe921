package io.devenv.seed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devenv.aws.AwsClients;
import io.devenv.aws.AwsProvisioner;
import io.devenv.aws.ProvisionReport;
import io.devenv.aws.ResourceResult;
import io.devenv.core.DevenvException;
import io.devenv.core.ExitCode;
import io.devenv.core.Progress;
import io.devenv.environment.AwsAccess;
import io.devenv.profile.BucketSpec;
import io.devenv.profile.Origin;
import io.devenv.profile.Profile;
import io.devenv.profile.QueueSpec;
import io.devenv.profile.SeedSpec;
import io.devenv.profile.TableSpec;
import io.devenv.testing.AwsAssertions;
import io.devenv.engine.AwsService;
import io.devenv.testing.Emulator;
import io.devenv.testing.EmulatorProcess;
import io.devenv.testing.OnEachEmulator;
import io.devenv.testing.TestProfiles;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** Seeder and provisioner behaviours beyond the happy path, against each real emulator. */
@OnEachEmulator
class SeederTest {
  static EmulatorProcess emulator;
  static AwsClients aws;

  @Parameter
  Emulator kind;

  @BeforeParameterizedClassInvocation
  static void clients(Emulator kind) throws Exception {
    emulator = kind.start();
    aws = new AwsClients(emulator.awsAccess());
  }

  @AfterParameterizedClassInvocation
  static void close() {
    if (aws != null) {
      aws.close();
      aws = null;
    }
    if (emulator != null) {
      emulator.stop();
      emulator = null;
    }
  }

  private static Profile profile(String name, List<TableSpec> tables, List<QueueSpec> queues, List<BucketSpec> buckets, SeedSpec seed) {
    return TestProfiles.profile(name, TestProfiles.aws(buckets, queues, List.of(), tables, List.of(), List.of(), List.of()), seed);
  }

  private static TableSpec table(String name, TableSpec.AttributeType keyType) {
    return new TableSpec(Origin.NONE, name, TestProfiles.key("id", keyType), null, List.of(), null, null);
  }

  @Test
  @DisplayName("a fixture that does not match its table fails with file:line and nothing is written, not even other targets")
  void badFixtureWritesNothing(@TempDir Path dir) throws Exception {
    emulator.assumeOffers(AwsService.DYNAMODB);
    // Given a good queue file and a table file whose third line has a key of the wrong type
    Path items = Files.writeString(dir.resolve("items.ndjson"), "{\"id\":1}\n{\"id\":2}\n{\"id\":\"three\"}\n");
    Path messages = Files.writeString(dir.resolve("m.ndjson"), "{\"body\":\"hello\"}\n");
    Profile profile = profile("bad", List.of(table("bad-items", TableSpec.AttributeType.N)),
        List.of(new QueueSpec(Origin.NONE, "bad-q", null, null, null, null, false, false)), List.of(),
        new SeedSpec(List.of(), List.of(new SeedSpec.TableSeed(Origin.NONE, "bad-items", items)),
            List.of(new SeedSpec.QueueSeed(Origin.NONE, "bad-q", messages)), List.of()));
    new AwsProvisioner(aws, Progress.SILENT).provision(profile);

    // When / Then
    assertThatThrownBy(() -> new Seeder(aws, Progress.SILENT).seed(profile, false))
        .isInstanceOf(DevenvException.class)
        .hasMessageContaining("items.ndjson:3:")
        .hasMessageContaining("type N")
        .satisfies(e -> assertThat(((DevenvException) e).exitCode()).as("exit code").isEqualTo(ExitCode.INVALID_INPUT));
    assertThat(AwsAssertions.scan(aws.dynamo(), "bad-items")).as("items written").isEmpty();
    String url = aws.sqs().getQueueUrl(r -> r.queueName("bad-q")).queueUrl();
    assertThat(aws.sqs().getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
        .attributes()).as("messages sent").containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0");
  }

  @Test
  @DisplayName("a queue that exists with another configuration is reported as drift, named, and left as it is")
  void driftReportedNotChanged() {
    // Given a queue someone created with another visibility timeout
    aws.sqs().createQueue(r -> r.queueName("drifty").attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "90")));
    Profile profile = profile("drift", List.of(),
        List.of(new QueueSpec(Origin.NONE, "drifty", 30, null, null, null, false, false)), List.of(), TestProfiles.emptySeed());

    // When
    ProvisionReport report = new AwsProvisioner(aws, Progress.SILENT).provision(profile);

    // Then
    assertThat(report.result("queue", "drifty").outcome()).as("outcome").isEqualTo(ResourceResult.Outcome.DRIFTED);
    assertThat(report.driftLines()).as("drift lines").containsExactly("queue drifty: VisibilityTimeout is 90, the profile says 30");
    String url = aws.sqs().getQueueUrl(r -> r.queueName("drifty")).queueUrl();
    assertThat(aws.sqs().getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.VISIBILITY_TIMEOUT))
        .attributes()).as("the queue after provisioning").containsEntry(QueueAttributeName.VISIBILITY_TIMEOUT, "90");
  }

  @Test
  @DisplayName("an object changed on disk is uploaded again, the unchanged ones are not; --reset reloads everything")
  void changedObjectsOnlyThenReset(@TempDir Path dir) throws Exception {
    // Given a seeded bucket
    Path tree = Files.createDirectories(dir.resolve("tree/a"));
    Files.writeString(tree.resolve("one.txt"), "one");
    Files.writeString(tree.resolve("two.json"), "{}");
    Profile profile = profile("objects", List.of(), List.of(),
        List.of(new BucketSpec(Origin.NONE, "changed-objects", false, List.of(), List.of())),
        new SeedSpec(List.of(new SeedSpec.BucketSeed(Origin.NONE, "changed-objects", dir.resolve("tree"), "p/")),
            List.of(), List.of(), List.of()));
    new AwsProvisioner(aws, Progress.SILENT).provision(profile);
    assertThat(new Seeder(aws, Progress.SILENT).seed(profile, false).loaded()).as("first run").isEqualTo(2);
    // A developer's own object under the prefix
    aws.s3().putObject(r -> r.bucket("changed-objects").key("p/mine.txt"),
        software.amazon.awssdk.core.sync.RequestBody.fromString("mine"));

    // When one file changes
    Files.writeString(tree.resolve("one.txt"), "one, edited");
    SeedReport second = new Seeder(aws, Progress.SILENT).seed(profile, false);

    // Then only it is uploaded, with its new content
    assertThat(second.target("bucket", "changed-objects")).as("second run")
        .extracting(SeedReport.TargetResult::loaded, SeedReport.TargetResult::unchanged).containsExactly(1, 1);
    assertThat(aws.s3().getObjectAsBytes(r -> r.bucket("changed-objects").key("p/a/one.txt")).asUtf8String())
        .as("content after the second run").isEqualTo("one, edited");
    assertThat(keys()).as("keys: the developer's object is kept without --reset").contains("p/mine.txt");

    // When reset
    SeedReport reset = new Seeder(aws, Progress.SILENT).seed(profile, true);

    // Then the prefix holds exactly the seed again
    assertThat(reset.loaded()).as("loaded on reset").isEqualTo(2);
    assertThat(keys()).as("keys after --reset").containsExactlyInAnyOrder("p/a/one.txt", "p/a/two.json");
  }

  private static List<String> keys() {
    return aws.s3().listObjectsV2Paginator(r -> r.bucket("changed-objects")).contents().stream().map(o -> o.key()).toList();
  }

  @Test
  @DisplayName("DynamoDB JSON, binary keys and repeated keys load as DynamoDB would store them written in order")
  void itemForms(@TempDir Path dir) throws Exception {
    emulator.assumeOffers(AwsService.DYNAMODB);
    // Given a table with a B key and a file mixing plain and DynamoDB JSON, with a key written twice
    Path items = Files.writeString(dir.resolve("items.json"), """
        [
          {"id": "AAE=", "v": 1},
          {"id": {"B": "AAI="}, "v": {"N": "2"}, "set": {"SS": ["x", "y"]}},
          {"id": "AAE=", "v": 3}
        ]
        """);
    Profile profile = profile("forms", List.of(table("forms", TableSpec.AttributeType.B)), List.of(), List.of(),
        new SeedSpec(List.of(), List.of(new SeedSpec.TableSeed(Origin.NONE, "forms", items)), List.of(), List.of()));
    new AwsProvisioner(aws, Progress.SILENT).provision(profile);

    // When
    SeedReport report = new Seeder(aws, Progress.SILENT).seed(profile, false);

    // Then
    assertThat(report.target("table", "forms").loaded()).as("records accounted for").isEqualTo(3);
    assertThat(AwsAssertions.scan(aws.dynamo(), "forms")).as("items").containsExactlyInAnyOrder(
        Map.of("id", "b64:AAE=", "v", new java.math.BigDecimal("3")),
        Map.of("id", "b64:AAI=", "v", new java.math.BigDecimal("2"), "set", List.of("x", "y")));
  }

  @Test
  @DisplayName("an endpoint where nothing listens gives one line naming it")
  void unreachableEndpoint() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    URI endpoint = URI.create("http://127.0.0.1:" + port);
    try (AwsClients nowhere = new AwsClients(AwsAccess.local(endpoint, "us-east-1"))) {
      Profile profile = profile("nowhere", List.of(table("t-nowhere", TableSpec.AttributeType.S)), List.of(), List.of(),
          TestProfiles.emptySeed());
      assertThatThrownBy(() -> new AwsProvisioner(nowhere, Progress.SILENT).provision(profile))
          .isInstanceOf(DevenvException.class)
          .hasMessageContaining(endpoint.toString())
          .hasMessageContaining("does not answer")
          .satisfies(e -> assertThat(e.getMessage()).as("one line").doesNotContain("\n"));
    }
  }

  @Test
  @DisplayName("a queue seeded twice holds each message once")
  void queueConverges(@TempDir Path dir) throws Exception {
    Path messages = Files.writeString(dir.resolve("m.ndjson"), "{\"body\":\"same\"}\n{\"body\":\"same\"}\n{\"body\":\"other\"}\n");
    Profile profile = profile("twice", List.of(), List.of(new QueueSpec(Origin.NONE, "twice", null, null, null, null, false, false)),
        List.of(), new SeedSpec(List.of(), List.of(), List.of(new SeedSpec.QueueSeed(Origin.NONE, "twice", messages)), List.of()));
    new AwsProvisioner(aws, Progress.SILENT).provision(profile);
    new Seeder(aws, Progress.SILENT).seed(profile, false);
    SeedReport second = new Seeder(aws, Progress.SILENT).seed(profile, false);
    assertThat(second.target("queue", "twice").unchanged()).as("unchanged on the second run").isEqualTo(3);
    String url = aws.sqs().getQueueUrl(r -> r.queueName("twice")).queueUrl();
    assertThat(AwsAssertions.drain(aws.sqs(), url, Duration.ofSeconds(20))).extracting(m -> m.body())
        .as("bodies in the queue").containsExactlyInAnyOrder("same", "same", "other");
  }

  @Test
  @DisplayName("a changed table file re-seeds exactly what changed; --reset deletes what the file lost and leaves equal items alone")
  void tableChangesExactly(@TempDir Path dir) throws Exception {
    emulator.assumeOffers(AwsService.DYNAMODB);
    // Given a table seeded from a file where k2 is written twice (the later line wins)
    Path items = dir.resolve("items.ndjson");
    Files.writeString(items, "{\"id\":\"k1\",\"v\":1}\n{\"id\":\"k2\",\"v\":1}\n{\"id\":\"k3\",\"v\":1}\n{\"id\":\"k2\",\"v\":2}\n");
    Profile profile = profile("exact", List.of(table("exact", TableSpec.AttributeType.S)), List.of(), List.of(),
        new SeedSpec(List.of(), List.of(new SeedSpec.TableSeed(Origin.NONE, "exact", items)), List.of(), List.of()));
    new AwsProvisioner(aws, Progress.SILENT).provision(profile);
    SeedReport first = new Seeder(aws, Progress.SILENT).seed(profile, false);
    assertThat(first.target("table", "exact").loaded()).as("first run: every record").isEqualTo(4);

    // When k1 leaves the file, k3 changes and k4 arrives
    Files.writeString(items, "{\"id\":\"k2\",\"v\":1}\n{\"id\":\"k3\",\"v\":9}\n{\"id\":\"k2\",\"v\":2}\n{\"id\":\"k4\",\"v\":1}\n");
    SeedReport second = new Seeder(aws, Progress.SILENT).seed(profile, false);

    // Then only k3 and k4 are written; k1 stays, as a run without reset deletes nothing
    assertThat(second.target("table", "exact")).as("second run").extracting(r -> r.loaded(), r -> r.unchanged()).containsExactly(2, 2);
    assertThat(AwsAssertions.scan(aws.dynamo(), "exact")).as("items after the second run").containsExactlyInAnyOrder(
        Map.of("id", "k1", "v", new java.math.BigDecimal("1")), Map.of("id", "k2", "v", new java.math.BigDecimal("2")),
        Map.of("id", "k3", "v", new java.math.BigDecimal("9")), Map.of("id", "k4", "v", new java.math.BigDecimal("1")));

    // When reset, with k4 changed behind devenv's back
    aws.dynamo().putItem(r -> r.tableName("exact").item(Map.of("id", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("k4"),
        "v", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN("7"))));
    SeedReport reset = new Seeder(aws, Progress.SILENT).seed(profile, true);

    // Then k1 is deleted, k4 written back, k2 and k3 left alone; a later run finds nothing to do
    assertThat(reset.target("table", "exact")).as("reset").extracting(r -> r.loaded(), r -> r.unchanged()).containsExactly(1, 3);
    assertThat(AwsAssertions.scan(aws.dynamo(), "exact")).as("items after the reset").containsExactlyInAnyOrder(
        Map.of("id", "k2", "v", new java.math.BigDecimal("2")), Map.of("id", "k3", "v", new java.math.BigDecimal("9")),
        Map.of("id", "k4", "v", new java.math.BigDecimal("1")));
    assertThat(new Seeder(aws, Progress.SILENT).seed(profile, false).target("table", "exact").unchanged())
        .as("unchanged after the reset: the ledger holds every record").isEqualTo(4);
  }

  @Test
  @DisplayName("lines appended to a queue file are sent, and only they")
  void queueAppend(@TempDir Path dir) throws Exception {
    Path messages = dir.resolve("m.ndjson");
    Files.writeString(messages, "{\"body\":\"a\"}\n{\"body\":\"b\"}\n");
    Profile profile = profile("append", List.of(), List.of(new QueueSpec(Origin.NONE, "append", null, null, null, null, false, false)),
        List.of(), new SeedSpec(List.of(), List.of(), List.of(new SeedSpec.QueueSeed(Origin.NONE, "append", messages)), List.of()));
    new AwsProvisioner(aws, Progress.SILENT).provision(profile);
    new Seeder(aws, Progress.SILENT).seed(profile, false);
    Files.writeString(messages, "{\"body\":\"a\"}\n{\"body\":\"b\"}\n{\"body\":\"a\"}\n{\"body\":\"c\"}\n");
    SeedReport second = new Seeder(aws, Progress.SILENT).seed(profile, false);
    assertThat(second.target("queue", "append")).extracting(r -> r.loaded(), r -> r.unchanged()).containsExactly(2, 2);
    String url = aws.sqs().getQueueUrl(r -> r.queueName("append")).queueUrl();
    assertThat(AwsAssertions.drain(aws.sqs(), url, Duration.ofSeconds(20))).extracting(m -> m.body())
        .as("bodies in the queue").containsExactlyInAnyOrder("a", "b", "a", "c");
  }
}
