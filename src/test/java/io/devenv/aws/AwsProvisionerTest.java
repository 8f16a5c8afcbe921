package io.devenv.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.devenv.aws.ResourceResult.Outcome;
import io.devenv.core.Progress;
import io.devenv.profile.Profile;
import io.devenv.testing.AwsAssertions;
import io.devenv.engine.AwsService;
import io.devenv.testing.Emulator;
import io.devenv.testing.EmulatorProcess;
import io.devenv.testing.OnEachEmulator;
import io.devenv.testing.TestProfiles;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Every resource of the sample platform, provisioned against each real emulator (MiniStack,
 * LocalStack 4.14.0; on LocalStack without the tables it cannot serve here), read back through the SDK.
 */
@OnEachEmulator
class AwsProvisionerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static EmulatorProcess emulator;
  private static Profile PROFILE;
  private static AwsClients aws;
  private static ProvisionReport first;

  @Parameter
  Emulator kind;

  @BeforeParameterizedClassInvocation
  static void provision(Emulator kind) throws Exception {
    emulator = kind.start();
    PROFILE = TestProfiles.servedBy(TestProfiles.platform("platform"), emulator);
    aws = new AwsClients(emulator.awsAccess());
    first = new AwsProvisioner(aws, Progress.SILENT).provision(PROFILE);
  }

  @AfterParameterizedClassInvocation
  static void close() {
    if (aws != null) {
      aws.close();
    }
    if (emulator != null) {
      emulator.stop();
    }
    aws = null;
    emulator = null;
  }

  @Test
  @DisplayName("the first run creates every resource; a second run reports every one up to date")
  void createdThenUpToDate() {
    ProvisionReport second = new AwsProvisioner(aws, Progress.SILENT).provision(PROFILE);
    assertThat(first.results()).extracting(ResourceResult::outcome).as("first run").containsOnly(Outcome.CREATED);
    assertThat(first.results()).as("resources reported").hasSize(PROFILE.aws().resourceCount());
    assertThat(second.results()).extracting(ResourceResult::outcome).as("second run").containsOnly(Outcome.UP_TO_DATE);
    assertThat(second.summary()).isEqualTo(PROFILE.aws().resourceCount() + " up to date");
  }

  @Test
  @DisplayName("the bucket has versioning, CORS, its tag, and sends object events under its prefix to the queue")
  void bucket() {
    assertThat(aws.s3().getBucketVersioning(r -> r.bucket("vod-images")).statusAsString()).as("versioning").isEqualTo("Enabled");
    var cors = aws.s3().getBucketCors(r -> r.bucket("vod-images")).corsRules();
    assertThat(cors).as("CORS rules").hasSize(1);
    assertThat(cors.get(0).allowedMethods()).containsExactlyInAnyOrder("GET", "PUT");
    assertThat(cors.get(0).maxAgeSeconds()).isEqualTo(3000);
    assertThat(aws.s3().getBucketTagging(r -> r.bucket("vod-images")).tagSet())
        .anySatisfy(t -> assertThat(t.key() + "=" + t.value()).isEqualTo(Tags.PROFILE + "=platform"));

    // An object created under the prefix reaches the queue
    String url = url("thumbnails");
    AwsAssertions.drain(aws.sqs(), url, Duration.ofSeconds(5));
    aws.s3().putObject(r -> r.bucket("vod-images").key("uploads/new.png"), RequestBody.fromString("png"));
    List<Message> events = AwsAssertions.awaitMessage(aws.sqs(), url, m -> m.body().contains("uploads/new.png"),
        Duration.ofSeconds(20));
    assertThat(events).extracting(Message::body).as("events in thumbnails").anySatisfy(b -> assertThat(b).contains("uploads/new.png"));
  }

  @Test
  @DisplayName("queues have their attributes, dead-letter redrive, FIFO settings, policy and tag")
  void queues() throws Exception {
    Map<QueueAttributeName, String> thumbnails = attributes("thumbnails");
    assertThat(thumbnails).as("thumbnails").containsEntry(QueueAttributeName.VISIBILITY_TIMEOUT, "30");
    var redrive = JSON.readTree(thumbnails.get(QueueAttributeName.REDRIVE_POLICY));
    assertThat(redrive.path("deadLetterTargetArn").asText()).as("dead-letter target").endsWith(":thumbnails-dlq");
    assertThat(redrive.path("maxReceiveCount").asInt()).as("maxReceiveCount").isEqualTo(5);
    assertThat(QueuePolicy.sids(thumbnails.get(QueueAttributeName.POLICY))).as("thumbnails policy").contains("devenv-s3-vod-images");
    assertThat(attributes("thumbnails-dlq")).containsEntry(QueueAttributeName.MESSAGE_RETENTION_PERIOD, "1209600");
    assertThat(attributes("orders.fifo")).containsEntry(QueueAttributeName.FIFO_QUEUE, "true")
        .containsEntry(QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "true");
    Map<QueueAttributeName, String> events = attributes("events");
    assertThat(events).containsEntry(QueueAttributeName.VISIBILITY_TIMEOUT, "45");
    assertThat(QueuePolicy.sids(events.get(QueueAttributeName.POLICY))).as("events policy").contains("devenv-sns-user-events");
    assertThat(aws.sqs().listQueueTags(r -> r.queueUrl(url("events"))).tags()).containsEntry(Tags.PROFILE, "platform");
  }

  @Test
  @DisplayName("the topic delivers raw messages that pass its filter policy to the subscribed queue, and no others")
  void topic() {
    String topicArn = aws.sns().listTopics().topics().stream().map(t -> t.topicArn())
        .filter(a -> a.endsWith(":user-events")).findFirst().orElseThrow();
    assertThat(aws.sns().listTagsForResource(r -> r.resourceArn(topicArn)).tags())
        .anySatisfy(t -> assertThat(t.key() + "=" + t.value()).isEqualTo(Tags.PROFILE + "=platform"));
    aws.sns().publish(r -> r.topicArn(topicArn).message("{\"played\":1}").messageAttributes(Map.of("type",
        MessageAttributeValue.builder().dataType("String").stringValue("play").build())));
    aws.sns().publish(r -> r.topicArn(topicArn).message("{\"stopped\":1}").messageAttributes(Map.of("type",
        MessageAttributeValue.builder().dataType("String").stringValue("stop").build())));
    assertThat(AwsAssertions.drain(aws.sqs(), url("events"), Duration.ofSeconds(10))).extracting(Message::body)
        .as("bodies delivered to events: raw, filtered").containsExactly("{\"played\":1}");
  }

  @Test
  @DisplayName("tables have their keys, index, stream, TTL and tag")
  void tables() {
    emulator.assumeOffers(AwsService.DYNAMODB);
    TableDescription t = aws.dynamo().describeTable(r -> r.tableName("user-preferences")).table();
    assertThat(t.tableStatusAsString()).isEqualTo("ACTIVE");
    assertThat(t.keySchema()).extracting(k -> k.attributeName() + ":" + k.keyTypeAsString())
        .containsExactly("userId:HASH", "key:RANGE");
    assertThat(t.globalSecondaryIndexes()).extracting(i -> i.indexName() + ":" + i.projection().projectionTypeAsString())
        .containsExactly("by-key:ALL");
    assertThat(t.streamSpecification().streamViewTypeAsString()).isEqualTo("NEW_AND_OLD_IMAGES");
    assertThat(aws.dynamo().describeTimeToLive(r -> r.tableName("user-preferences")).timeToLiveDescription().attributeName())
        .isEqualTo("expiresAt");
    assertThat(aws.dynamo().listTagsOfResource(r -> r.resourceArn(t.tableArn())).tags())
        .anySatisfy(tag -> assertThat(tag.key() + "=" + tag.value()).isEqualTo(Tags.PROFILE + "=platform"));
  }

  @Test
  @DisplayName("the stream is ACTIVE with its shards and tag")
  void stream() {
    var summary = aws.kinesis().describeStreamSummary(r -> r.streamName("player-events")).streamDescriptionSummary();
    assertThat(summary.streamStatusAsString()).isEqualTo("ACTIVE");
    assertThat(summary.openShardCount()).isEqualTo(1);
    assertThat(aws.kinesis().listTagsForStream(r -> r.streamName("player-events")).tags())
        .anySatisfy(tag -> assertThat(tag.key() + "=" + tag.value()).isEqualTo(Tags.PROFILE + "=platform"));
  }

  @Test
  @DisplayName("secrets and parameters hold their declared values and types")
  void values() throws Exception {
    assertThat(JSON.readTree(aws.secrets().getSecretValue(r -> r.secretId("catalog/db")).secretString()))
        .isEqualTo(JSON.readTree("{\"user\":\"app\",\"password\":\"devpass\"}"));
    assertThat(aws.secrets().getSecretValue(r -> r.secretId("catalog/tls-key")).secretString())
        .isEqualTo(Files.readString(TestProfiles.fixtures().resolve("catalog-api/secrets/key.pem")));
    var apiKey = aws.ssm().getParameter(r -> r.name("/vod/catalog/api-key").withDecryption(true)).parameter();
    assertThat(apiKey.value() + ":" + apiKey.typeAsString()).isEqualTo("dev-key:SecureString");
    assertThat(aws.ssm().getParameter(r -> r.name("/vod/catalog/page-size")).parameter().value()).isEqualTo("50");
  }

  private static String url(String queue) {
    return aws.sqs().getQueueUrl(r -> r.queueName(queue)).queueUrl();
  }

  private static Map<QueueAttributeName, String> attributes(String queue) {
    return aws.sqs().getQueueAttributes(r -> r.queueUrl(url(queue)).attributeNames(QueueAttributeName.ALL)).attributes();
  }
}
