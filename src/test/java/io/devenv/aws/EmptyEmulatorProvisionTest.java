package io.devenv.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.devenv.aws.ResourceResult.Outcome;
import io.devenv.core.Progress;
import io.devenv.profile.Profile;
import io.devenv.testing.Emulator;
import io.devenv.testing.EmulatorProcess;
import io.devenv.testing.OnEachEmulator;
import io.devenv.testing.TestProfiles;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * {@link AwsProvisioner#onEmptyEmulator}: on an emulator known to hold nothing (a container up
 * just created), each resource is created without asking first whether it exists, with the same
 * result; a resource that is there after all (an image's init script made it) is checked as on any
 * emulator, never failed on or overwritten. Against each real emulator, a new process per test.
 */
@OnEachEmulator
class EmptyEmulatorProvisionTest {
  /**
   * The calls that only ask whether a resource exists (or what a just-created one holds). A bucket
   * is still asked for (HeadBucket): emulators answer a create of one that exists with 200.
   */
  private static final List<String> EXISTENCE_READS = List.of("S3.GetBucketVersioning", "Sqs.GetQueueUrl",
      "DynamoDb.DescribeTable", "Kinesis.DescribeStreamSummary", "SecretsManager.GetSecretValue", "Ssm.GetParameter");

  @Parameter
  Emulator kind;

  private EmulatorProcess emulator;
  private final List<String> sent = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    if (emulator != null) {
      emulator.stop();
    }
  }

  @Test
  @DisplayName("on an emulator known empty every resource is created without a read first, and a full check then finds each as declared")
  void createsWithoutAsking() throws Exception {
    // Given a new emulator process and the sample platform
    emulator = kind.start();
    Profile profile = TestProfiles.servedBy(TestProfiles.platform("platform"), emulator);

    // When it is provisioned as known empty
    ProvisionReport report;
    try (AwsClients aws = new AwsClients(emulator.awsAccess(), List.of(new Recorder()))) {
      report = new AwsProvisioner(aws, Progress.SILENT).onEmptyEmulator(true).provision(profile);
    }

    // Then every resource was created, and no call asked whether one existed
    assertThat(report.results()).extracting(ResourceResult::outcome).as("outcomes").containsOnly(Outcome.CREATED);
    assertThat(report.results()).hasSize(profile.aws().resourceCount());
    assertThat(sent).as("calls sent").isNotEmpty().noneMatch(EXISTENCE_READS::contains);
    // And the full check (what every later up does) finds each resource as declared: no drift, nothing to change
    try (AwsClients aws = new AwsClients(emulator.awsAccess())) {
      ProvisionReport checked = new AwsProvisioner(aws, Progress.SILENT).provision(profile);
      assertThat(checked.results()).as("the full check after it").allSatisfy(r -> assertThat(r.outcome())
          .as(r.kind() + " " + r.name() + " " + r.changes() + r.drift()).isEqualTo(Outcome.UP_TO_DATE));
      assertThat(aws.s3().getBucketTagging(r -> r.bucket("vod-images")).tagSet())
          .anySatisfy(t -> assertThat(t.key() + "=" + t.value()).isEqualTo(Tags.PROFILE + "=platform"));
    }
  }

  @Test
  @DisplayName("a resource that was there after all is checked as on any emulator: its differences are drift, kept, and nothing fails")
  void thereAfterAll() throws Exception {
    // Given a new emulator in which something (an init script of the image) already made some of the resources, differently
    emulator = kind.start();
    Profile profile = TestProfiles.servedBy(TestProfiles.platform("platform"), emulator);
    try (AwsClients aws = new AwsClients(emulator.awsAccess())) {
      aws.s3().createBucket(r -> {
        r.bucket("vod-images");
        if (!"us-east-1".equals(aws.region())) {
          r.createBucketConfiguration(c -> c.locationConstraint(aws.region()));
        }
      });
      aws.sqs().createQueue(r -> r.queueName("events").attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "5")));
      aws.secrets().createSecret(r -> r.name("catalog/db").secretString("set by hand"));
      aws.ssm().putParameter(r -> r.name("/vod/catalog/page-size").value("7").type(ParameterType.STRING));
      aws.kinesis().createStream(r -> r.streamName("player-events").shardCount(1));
      if (kind.offers(io.devenv.engine.AwsService.DYNAMODB)) {
        aws.dynamo().createTable(r -> r.tableName("catalog").billingMode("PAY_PER_REQUEST")
            .attributeDefinitions(a -> a.attributeName("id").attributeType("S")).keySchema(k -> k.attributeName("id").keyType("HASH")));
      }

      // When it is provisioned as known empty
      ProvisionReport report = new AwsProvisioner(aws, Progress.SILENT).onEmptyEmulator(true).provision(profile);

      // Then those were found, not created, their differences reported and kept; the rest created
      Map<String, ResourceResult> byName = new java.util.HashMap<>();
      report.results().forEach(r -> byName.put(r.kind() + " " + r.name(), r));
      assertThat(byName.get("queue events").outcome()).as("queue made with another visibility timeout").isEqualTo(Outcome.DRIFTED);
      assertThat(byName.get("secret catalog/db").outcome()).as("secret set by hand").isEqualTo(Outcome.DRIFTED);
      assertThat(byName.get("parameter /vod/catalog/page-size").outcome()).as("parameter set by hand").isEqualTo(Outcome.DRIFTED);
      assertThat(byName.get("stream player-events").outcome()).as("same stream").isEqualTo(Outcome.UP_TO_DATE);
      assertThat(byName.get("bucket vod-images").outcome()).as("bucket without versioning and CORS: completed, not replaced")
          .isEqualTo(Outcome.UPDATED);
      assertThat(byName.get("queue thumbnails").outcome()).isEqualTo(Outcome.CREATED);
      if (kind.offers(io.devenv.engine.AwsService.DYNAMODB)) {
        assertThat(byName.get("table catalog").outcome()).as("same table").isEqualTo(Outcome.UP_TO_DATE);
      }
      assertThat(aws.secrets().getSecretValue(r -> r.secretId("catalog/db")).secretString()).as("kept").isEqualTo("set by hand");
      assertThat(aws.ssm().getParameter(r -> r.name("/vod/catalog/page-size")).parameter().value()).as("kept").isEqualTo("7");
    }
  }

  /** Records each call as "Service.Operation". */
  private final class Recorder implements ExecutionInterceptor {
    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
      sent.add(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + "."
          + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
    }
  }
}
