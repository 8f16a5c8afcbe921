package io.devenv.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.devenv.core.Progress;
import io.devenv.profile.Profile;
import io.devenv.profile.ProfileLoader;
import io.devenv.testing.MiniStackProcess;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The sample platform provisioned twice on MiniStack, once from the hand-written profile
 * (profiles/handwritten.yaml), once from the apps' .cloud/terraform (profiles/aws-only.yaml), and
 * read back through the SDK: the same resources with the same configuration.
 */
class TerraformEquivalenceTest {

  @RegisterExtension
  static final MiniStackProcess fromProfile = new MiniStackProcess();

  @RegisterExtension
  static final MiniStackProcess fromTerraform = new MiniStackProcess();

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ProfileLoader LOADER = new ProfileLoader(Map.of());

  @Test
  @DisplayName("the hand-written profile and the apps' Terraform create identical resources and configuration")
  void sameResources() throws Exception {
    // Given the platform declared by hand, and the same platform read from the apps' Terraform
    Profile handwritten = LOADER.loadFile(Path.of("profiles/handwritten.yaml"));
    Profile terraform = LOADER.loadFile(Path.of("profiles/aws-only.yaml"));
    assertThat(terraform.aws().terraform()).as("the Terraform profile names the apps' directories").isNotEmpty();

    // When each is provisioned on its own emulator
    Map<String, Object> expected = provisionAndRead(fromProfile, handwritten);
    Map<String, Object> actual = provisionAndRead(fromTerraform, terraform);

    // Then what the emulators hold is the same, kind by kind
    assertThat(expected).as("something was read back").containsKeys("buckets", "queues", "topics", "tables", "streams",
        "secrets", "parameters");
    for (String kind : expected.keySet()) {
      assertThat(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(actual.get(kind))).as(kind)
          .isEqualTo(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(expected.get(kind)));
    }
  }

  private static Map<String, Object> provisionAndRead(MiniStackProcess ministack, Profile profile) throws Exception {
    try (AwsClients aws = new AwsClients(ministack.awsAccess())) {
      ProvisionReport report = new AwsProvisioner(aws, Progress.SILENT).provision(profile);
      assertThat(report.results()).as("resources of %s", profile.name()).hasSize(profile.aws().resourceCount());
      return read(aws);
    }
  }

  /** Everything devenv configures, read back through the SDK, without devenv's own profile tag. */
  private static Map<String, Object> read(AwsClients aws) throws Exception {
    Map<String, Object> out = new TreeMap<>();
    Map<String, Object> buckets = new TreeMap<>();
    for (var b : aws.s3().listBuckets().buckets()) {
      Map<String, Object> bucket = new TreeMap<>();
      bucket.put("versioning", aws.s3().getBucketVersioning(r -> r.bucket(b.name())).statusAsString());
      bucket.put("cors", aws.s3().getBucketCors(r -> r.bucket(b.name())).corsRules().stream()
          .map(c -> List.of(c.allowedMethods(), c.allowedOrigins(), c.allowedHeaders(), c.exposeHeaders(),
              String.valueOf(c.maxAgeSeconds())))
          .toList());
      bucket.put("notifications", aws.s3().getBucketNotificationConfiguration(r -> r.bucket(b.name())).queueConfigurations()
          .stream()
          .map(q -> List.of(q.queueArn(), q.eventsAsStrings(), q.filter() == null ? "" : q.filter().key().filterRules().stream()
              .map(f -> f.nameAsString() + "=" + f.value()).toList()))
          .toList());
      buckets.put(b.name(), bucket);
    }
    out.put("buckets", buckets);

    Map<String, Object> queues = new TreeMap<>();
    for (String url : aws.sqs().listQueues().queueUrls()) {
      var attributes = aws.sqs().getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.ALL)).attributes();
      Map<String, Object> queue = new TreeMap<>();
      for (QueueAttributeName name : List.of(QueueAttributeName.VISIBILITY_TIMEOUT, QueueAttributeName.DELAY_SECONDS,
          QueueAttributeName.MESSAGE_RETENTION_PERIOD, QueueAttributeName.FIFO_QUEUE,
          QueueAttributeName.CONTENT_BASED_DEDUPLICATION)) {
        queue.put(name.toString(), String.valueOf(attributes.get(name)));
      }
      String redrive = attributes.get(QueueAttributeName.REDRIVE_POLICY);
      queue.put("RedrivePolicy", redrive == null ? "" : JSON.readValue(redrive, TreeMap.class));
      queues.put(url.substring(url.lastIndexOf('/') + 1), queue);
    }
    out.put("queues", queues);

    Map<String, Object> topics = new TreeMap<>();
    for (var t : aws.sns().listTopics().topics()) {
      List<Object> subscriptions = new java.util.ArrayList<>();
      for (var s : aws.sns().listSubscriptionsByTopic(r -> r.topicArn(t.topicArn())).subscriptions()) {
        var attributes = aws.sns().getSubscriptionAttributes(r -> r.subscriptionArn(s.subscriptionArn())).attributes();
        String filter = attributes.get("FilterPolicy");
        subscriptions.add(List.of(s.protocol(), s.endpoint(), String.valueOf(attributes.get("RawMessageDelivery")),
            filter == null ? "" : JSON.readValue(filter, TreeMap.class)));
      }
      subscriptions.sort(java.util.Comparator.comparing(Object::toString));
      topics.put(t.topicArn(), subscriptions);
    }
    out.put("topics", topics);

    Map<String, Object> tables = new TreeMap<>();
    for (String name : aws.dynamo().listTables().tableNames()) {
      var t = aws.dynamo().describeTable(r -> r.tableName(name)).table();
      Map<String, Object> table = new TreeMap<>();
      table.put("keys", t.keySchema().toString());
      table.put("attributes", t.attributeDefinitions().stream().map(Object::toString).sorted().toList());
      table.put("indexes", t.globalSecondaryIndexes().stream()
          .map(i -> i.indexName() + " " + i.keySchema() + " " + i.projection().projectionTypeAsString()).sorted().toList());
      table.put("stream", String.valueOf(t.streamSpecification()));
      table.put("ttl", aws.dynamo().describeTimeToLive(r -> r.tableName(name)).timeToLiveDescription().toString());
      tables.put(name, table);
    }
    out.put("tables", tables);

    Map<String, Object> streams = new TreeMap<>();
    for (String name : aws.kinesis().listStreams().streamNames()) {
      streams.put(name, aws.kinesis().describeStreamSummary(r -> r.streamName(name)).streamDescriptionSummary().openShardCount());
    }
    out.put("streams", streams);

    Map<String, Object> secrets = new TreeMap<>();
    for (var s : aws.secrets().listSecrets().secretList()) {
      String value = aws.secrets().getSecretValue(r -> r.secretId(s.name())).secretString();
      secrets.put(s.name(), value != null && value.startsWith("{") ? JSON.readValue(value, TreeMap.class) : value);
    }
    out.put("secrets", secrets);

    Map<String, Object> parameters = new TreeMap<>();
    for (var p : aws.ssm().getParametersByPath(r -> r.path("/").recursive(true).withDecryption(true)).parameters()) {
      parameters.put(p.name(), p.typeAsString() + " " + p.value());
    }
    out.put("parameters", parameters);
    return out;
  }
}
