package io.devenv.aws;

import io.devenv.core.Timings;
import io.devenv.environment.AwsAccess;
import io.devenv.profile.AwsSpec;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * Loads and initialises, on a daemon thread, the AWS SDK's code for the calls up is about to
 * make: the clients a profile needs are built and each request devenv sends is marshalled and
 * signed, then stopped before it is sent ({@link NotSent}), so nothing reaches any network. Runs
 * while the engine starts the emulator, when the JVM would otherwise wait: provisioning then
 * starts with the SDK hot instead of loading it on the critical path. A failure only loses the
 * head start.
 */
public final class SdkWarmUp {
  /** Never contacted: every request stops before it is sent. */
  private static final URI NOWHERE = URI.create("http://127.0.0.1:9");
  private static final String NAME = "devenv-warm-up";

  private SdkWarmUp() {}

  /** Starts the warm-up for {@code spec}'s services (null: only the SSM client the stamp needs). */
  public static Thread start(AwsSpec spec) {
    return start(spec, Timings.unrecorded());
  }

  /** {@link #start(AwsSpec)}, recording its time in {@code timings} (it runs beside other phases). */
  public static Thread start(AwsSpec spec, Timings timings) {
    Thread t = new Thread(() -> timings.time("AWS SDK warm-up (beside the engine start)", () -> run(spec)), "devenv-aws-warm-up");
    t.setDaemon(true);
    t.start();
    return t;
  }

  static int run(AwsSpec spec) {
    return run(spec, NOWHERE);
  }

  /** The warm-up itself, on the calling thread, with clients for {@code endpoint}; returns how many requests were stopped. */
  static int run(AwsSpec spec, URI endpoint) {
    List<Runnable> calls = new ArrayList<>();
    try (AwsClients aws = new AwsClients(AwsAccess.local(endpoint, spec == null ? null : spec.region()),
        List.of(new StopBeforeSending()))) {
      calls.add(() -> aws.ssm().getParameter(r -> r.name("/" + NAME)));
      if (spec != null) {
        calls.addAll(stamp(aws));
        calls.addAll(queues(aws, spec));
        calls.addAll(buckets(aws, spec));
        calls.addAll(tables(aws, spec));
        calls.addAll(others(aws, spec));
      }
      int marshalled = 0;
      for (Runnable call : calls) {
        marshalled += attempt(call);
      }
      return marshalled;
    } catch (RuntimeException | LinkageError e) {
      return 0; // nothing was needed from it
    }
  }

  private static int attempt(Runnable call) {
    try {
      call.run();
      return 0;
    } catch (RuntimeException e) {
      return NotSent.isCause(e) ? 1 : 0;
    }
  }

  private static List<Runnable> stamp(AwsClients aws) {
    return List.of(
        () -> aws.ssm().putParameter(r -> r.name("/" + NAME).value("x").type(ParameterType.STRING).overwrite(true)),
        () -> aws.ssm().getParametersByPath(r -> r.path("/" + NAME).recursive(false)));
  }

  private static List<Runnable> queues(AwsClients aws, AwsSpec spec) {
    if (spec.queues().isEmpty()) {
      return List.of();
    }
    return List.of(
        () -> aws.sqs().getQueueUrl(r -> r.queueName(NAME)),
        () -> aws.sqs().createQueue(r -> r.queueName(NAME).attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "30"))
            .tags(Map.of(Tags.PROFILE, NAME))),
        () -> aws.sqs().getQueueAttributes(r -> r.queueUrl(NOWHERE + "/q").attributeNames(QueueAttributeName.ALL)),
        () -> aws.sqs().setQueueAttributes(r -> r.queueUrl(NOWHERE + "/q").attributes(Map.of(QueueAttributeName.POLICY, "{}"))),
        () -> aws.sqs().sendMessageBatch(r -> r.queueUrl(NOWHERE + "/q").entries(e -> e.id("0").messageBody("x"))));
  }

  private static List<Runnable> buckets(AwsClients aws, AwsSpec spec) {
    if (spec.buckets().isEmpty()) {
      return List.of();
    }
    return List.of(
        () -> aws.s3().headBucket(r -> r.bucket(NAME)),
        () -> aws.s3().createBucket(r -> r.bucket(NAME).createBucketConfiguration(c -> c.locationConstraint(aws.region()))),
        () -> aws.s3().putBucketTagging(r -> r.bucket(NAME).tagging(t -> t.tagSet(s -> s.key(Tags.PROFILE).value(NAME)))),
        () -> aws.s3().putBucketVersioning(r -> r.bucket(NAME)
            .versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED))),
        () -> aws.s3().putBucketCors(r -> r.bucket(NAME).corsConfiguration(c -> c.corsRules(x -> x.allowedMethods("GET")
            .allowedOrigins("*")))),
        () -> aws.s3().putBucketNotificationConfiguration(r -> r.bucket(NAME).notificationConfiguration(n -> n
            .queueConfigurations(q -> q.queueArn("arn:aws:sqs:us-east-1:0:q").eventsWithStrings("s3:ObjectCreated:*")))),
        () -> aws.s3().listObjectsV2(r -> r.bucket(NAME).prefix("")),
        () -> aws.s3().putObject(r -> r.bucket(NAME).key("k").contentType("text/plain"), RequestBody.fromBytes(new byte[1])));
  }

  private static List<Runnable> tables(AwsClients aws, AwsSpec spec) {
    if (spec.tables().isEmpty()) {
      return List.of();
    }
    return List.of(
        () -> aws.dynamo().describeTable(r -> r.tableName(NAME)),
        () -> aws.dynamo().createTable(r -> r.tableName(NAME).billingMode(BillingMode.PAY_PER_REQUEST)
            .attributeDefinitions(a -> a.attributeName("k").attributeType("S"))
            .keySchema(k -> k.attributeName("k").keyType(KeyType.HASH))
            .streamSpecification(s -> s.streamEnabled(true).streamViewType("NEW_AND_OLD_IMAGES"))),
        () -> aws.dynamo().updateTimeToLive(r -> r.tableName(NAME).timeToLiveSpecification(t -> t.enabled(true).attributeName("t"))),
        () -> aws.dynamo().batchWriteItem(r -> r.requestItems(Map.of(NAME, List.of(WriteRequest.builder()
            .putRequest(p -> p.item(Map.of("k", AttributeValue.fromS("v"), "b", AttributeValue.fromB(SdkBytes.fromUtf8String("b")))))
            .build())))));
  }

  private static List<Runnable> others(AwsClients aws, AwsSpec spec) {
    List<Runnable> calls = new ArrayList<>();
    if (!spec.streams().isEmpty()) {
      calls.add(() -> aws.kinesis().describeStreamSummary(r -> r.streamName(NAME)));
      calls.add(() -> aws.kinesis().createStream(r -> r.streamName(NAME).shardCount(1)));
      calls.add(() -> aws.kinesis().addTagsToStream(r -> r.streamName(NAME).tags(Map.of(Tags.PROFILE, NAME))));
    }
    if (!spec.topics().isEmpty()) {
      calls.add(() -> aws.sns().listTopics());
      calls.add(() -> aws.sns().createTopic(r -> r.name(NAME)));
      calls.add(() -> aws.sns().subscribe(r -> r.topicArn("arn:aws:sns:us-east-1:0:t").protocol("sqs")
          .endpoint("arn:aws:sqs:us-east-1:0:q").attributes(Map.of("RawMessageDelivery", "true")).returnSubscriptionArn(true)));
    }
    if (!spec.secrets().isEmpty()) {
      calls.add(() -> aws.secrets().getSecretValue(r -> r.secretId(NAME)));
      calls.add(() -> aws.secrets().createSecret(r -> r.name(NAME).secretString("x")));
    }
    if (!spec.parameters().isEmpty()) {
      calls.add(() -> aws.ssm().putParameter(r -> r.name("/" + NAME + "/p").value("x").type(ParameterType.STRING)));
    }
    return calls;
  }

  /** Stops every request once it is marshalled and signed, before the HTTP client sees it. */
  private static final class StopBeforeSending implements ExecutionInterceptor {
    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
      throw new NotSent();
    }
  }

  /** A request the warm-up stopped; never retried, never sent. */
  static final class NotSent extends RuntimeException {
    NotSent() {
      super("not sent: warm-up", null, false, false);
    }

    static boolean isCause(Throwable e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof NotSent) {
          return true;
        }
      }
      return false;
    }
  }
}
