package io.devenv.seed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.devenv.aws.AwsClients;
import io.devenv.aws.AwsProvisioner;
import io.devenv.aws.ProvisionReport;
import io.devenv.aws.ResourceResult;
import io.devenv.core.Progress;
import io.devenv.profile.Profile;
import io.devenv.profile.SeedSpec;
import io.devenv.testing.AwsAssertions;
import io.devenv.engine.AwsService;
import io.devenv.testing.Emulator;
import io.devenv.testing.EmulatorProcess;
import io.devenv.testing.OnEachEmulator;
import io.devenv.testing.TestProfiles;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The sample platform's AWS side, provisioned and seeded against each real emulator, twice (on
 * LocalStack without the tables it cannot serve here).
 */
@OnEachEmulator
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlatformSeedTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static EmulatorProcess ministack;
  private static Profile PROFILE;

  @Parameter
  Emulator kind;

  @BeforeParameterizedClassInvocation
  static void start(Emulator kind) throws Exception {
    ministack = kind.start();
    PROFILE = TestProfiles.servedBy(TestProfiles.platform("vod-platform"), ministack);
  }

  @AfterParameterizedClassInvocation
  static void stop() {
    if (ministack != null) {
      ministack.stop();
      ministack = null;
    }
  }

  @Test
  @Order(1)
  @DisplayName("the first run creates every resource and loads every object, item and message intact")
  void firstRunLoadsEverything() throws Exception {
    StringWriter out = new StringWriter();
    Progress progress = Progress.to(new PrintWriter(out));
    try (AwsClients aws = new AwsClients(ministack.awsAccess())) {
      // When
      ProvisionReport provisioned = new AwsProvisioner(aws, progress).provision(PROFILE);
      SeedReport seeded = new Seeder(aws, progress).seed(PROFILE, false);

      System.out.print(out);

      // Then: every resource was created, and progress said so per kind and per target
      assertThat(provisioned.total().created()).as("resources created").isEqualTo(PROFILE.aws().resourceCount());
      assertThat(out.toString()).as("progress lines").contains("AWS 4 queues: 4 created");
      if (ministack.offers(AwsService.DYNAMODB)) {
        assertThat(out.toString()).as("progress lines").contains("seed table catalog: 320 written");
      }
      SeedCounts counts = SeedCounts.of(PROFILE.seed());
      assertThat(seeded.loaded()).as("records loaded").isEqualTo(counts.objects() + counts.items() + counts.messages());

      assertObjectsIntact(aws, PROFILE.seed().buckets().get(0));
      for (SeedSpec.TableSeed table : PROFILE.seed().tables()) {
        assertItemsIntact(aws, table);
      }
      assertMessagesIntact(aws, "thumbnails", PROFILE.seed().queues().get(0).from(), false);
      assertMessagesIntact(aws, "orders.fifo", PROFILE.seed().queues().get(1).from(), true);
    }
  }

  @Test
  @Order(2)
  @DisplayName("a second run changes nothing and says everything is up to date")
  void secondRunChangesNothing() {
    StringWriter out = new StringWriter();
    Progress progress = Progress.to(new PrintWriter(out));
    try (AwsClients aws = new AwsClients(ministack.awsAccess())) {
      // When
      ProvisionReport provisioned = new AwsProvisioner(aws, progress).provision(PROFILE);
      SeedReport seeded = new Seeder(aws, progress).seed(PROFILE, false);

      // Then
      assertThat(provisioned.results()).as("outcomes of the second provisioning")
          .extracting(ResourceResult::outcome).containsOnly(ResourceResult.Outcome.UP_TO_DATE);
      assertThat(provisioned.summary()).as("summary").isEqualTo(PROFILE.aws().resourceCount() + " up to date");
      assertThat(seeded.loaded()).as("records loaded again").isZero();
      assertThat(out.toString()).as("progress lines").contains("seed queue thumbnails: 0 sent, 30 unchanged");
      // The queues were drained by the first test: nothing may have been sent again.
      assertThat(aws.sqs().getQueueAttributes(r -> r.queueUrl(url(aws, "thumbnails"))
          .attributeNamesWithStrings("ApproximateNumberOfMessages")).attributesAsStrings())
          .as("messages in thumbnails after the second run").containsEntry("ApproximateNumberOfMessages", "0");
    }
  }

  private static void assertObjectsIntact(AwsClients aws, SeedSpec.BucketSeed seed) throws Exception {
    List<Map.Entry<Path, String>> files = BucketSeeder.files(seed.from(), seed.prefix());
    assertThat(files).as("seed files").hasSizeGreaterThan(40);
    for (Map.Entry<Path, String> f : files) {
      var object = aws.s3().getObjectAsBytes(r -> r.bucket(seed.bucket()).key(f.getValue()));
      GetObjectResponse response = object.response();
      assertThat(object.asByteArray()).as("bytes of %s", f.getValue()).isEqualTo(Files.readAllBytes(f.getKey()));
      assertThat(response.contentType()).as("content type of %s", f.getValue())
          .isEqualTo(ContentTypes.of(f.getKey().getFileName().toString()));
    }
    assertThat(files).extracting(Map.Entry::getValue).as("keys keep non-ASCII names")
        .contains("日本/サムネイル.png", "affiches/hiver 2023/affiche finale (v2).png", "originals/2020/validé/cover.png");
  }

  private static void assertItemsIntact(AwsClients aws, SeedSpec.TableSeed seed) {
    TableKeys keys = TableKeys.of(aws.dynamo().describeTable(r -> r.tableName(seed.table())).table());
    ItemConverter converter = new ItemConverter(keys, seed.from());
    Map<List<Object>, Map<String, Object>> expected = new LinkedHashMap<>();
    for (SeedRecord record : SeedFileReader.read(seed.from())) {
      Map<String, Object> item = AwsAssertions.plain(converter.convert(record));
      expected.put(keys.types().keySet().stream().map(item::get).toList(), item);
    }
    Map<List<Object>, Map<String, Object>> actual = new HashMap<>();
    for (Map<String, Object> item : AwsAssertions.scan(aws.dynamo(), seed.table())) {
      actual.put(keys.types().keySet().stream().map(item::get).toList(), item);
    }
    assertThat(actual).as("items of table %s", seed.table()).hasSameSizeAs(expected);
    expected.forEach((key, item) -> assertThat(actual.get(key)).as("item %s of %s", key, seed.table()).isEqualTo(item));
  }

  private static void assertMessagesIntact(AwsClients aws, String queue, Path file, boolean fifo) throws Exception {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      if (!line.isBlank()) {
        lines.add(JSON.readTree(line));
      }
    }
    List<Message> received = AwsAssertions.drain(aws.sqs(), url(aws, queue), Duration.ofSeconds(30));
    List<String> expectedBodies = lines.stream().map(l -> l.get("body").asText()).toList();
    List<Message> seeded = received.stream().filter(m -> expectedBodies.contains(m.body())).toList();
    assertThat(seeded.stream().map(Message::body).sorted().toList()).as("bodies received from %s, each once", queue)
        .isEqualTo(expectedBodies.stream().sorted().toList());
    assertThat(received.stream().filter(m -> !expectedBodies.contains(m.body())).map(Message::body).toList())
        .as("other messages in %s: only S3's test event", queue)
        .allSatisfy(body -> assertThat(body).contains("s3:TestEvent"));
    Map<String, JsonNode> byBody = lines.stream().collect(Collectors.toMap(l -> l.get("body").asText(), l -> l, (a, b) -> a));
    for (Message m : seeded) {
      JsonNode attributes = byBody.get(m.body()).path("attributes");
      Map<String, String> expected = new HashMap<>();
      attributes.properties().forEach(f -> expected.put(f.getKey(), f.getValue().asText()));
      Map<String, String> actual = new HashMap<>();
      m.messageAttributes().forEach((k, v) -> actual.put(k, v.stringValue()));
      assertThat(actual).as("attributes of a message of %s", queue).isEqualTo(expected);
    }
    if (fifo) {
      Map<String, List<String>> expectedOrder = new LinkedHashMap<>();
      lines.forEach(l -> expectedOrder.computeIfAbsent(l.get("groupId").asText(), g -> new ArrayList<>()).add(l.get("body").asText()));
      Map<String, List<String>> actualOrder = new LinkedHashMap<>();
      seeded.forEach(m -> actualOrder.computeIfAbsent(m.attributesAsStrings().get("MessageGroupId"), g -> new ArrayList<>()).add(m.body()));
      assertThat(actualOrder).as("order of messages within each group of %s", queue).isEqualTo(expectedOrder);
    }
  }

  private static String url(AwsClients aws, String queue) {
    return aws.sqs().getQueueUrl(r -> r.queueName(queue)).queueUrl();
  }
}
