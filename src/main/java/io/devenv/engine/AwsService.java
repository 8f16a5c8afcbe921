package io.devenv.engine;

import io.devenv.profile.BucketSpec;
import io.devenv.profile.Origin;
import io.devenv.profile.Profile;
import io.devenv.profile.TopicSpec;
import java.util.EnumMap;
import java.util.Map;

/** The AWS services a profile can use; what an emulator preset must offer for it. */
public enum AwsService {
  S3("s3"),
  SQS("sqs"),
  SNS("sns"),
  DYNAMODB("dynamodb"),
  KINESIS("kinesis"),
  SECRETSMANAGER("secretsmanager"),
  SSM("ssm");

  private final String id;

  AwsService(String id) {
    this.id = id;
  }

  /** The service's short name, as the AWS CLI and LocalStack's SERVICES spell it. */
  public String id() {
    return id;
  }

  @Override
  public String toString() {
    return id;
  }

  /**
   * The services a profile needs, each with the first thing that needs it ("bucket vod-images
   * (profiles/images.yaml:7:7)"), so an error can point at the line responsible.
   */
  public static Map<AwsService, String> requiredBy(Profile profile) {
    Map<AwsService, String> needs = new EnumMap<>(AwsService.class);
    var aws = profile.aws();
    for (BucketSpec bucket : aws.buckets()) {
      need(needs, S3, "bucket " + bucket.name(), bucket.origin());
      if (!bucket.notifications().isEmpty()) {
        need(needs, SQS, "notifications of bucket " + bucket.name(), bucket.origin());
      }
    }
    aws.queues().forEach(q -> need(needs, SQS, "queue " + q.name(), q.origin()));
    for (TopicSpec topic : aws.topics()) {
      need(needs, SNS, "topic " + topic.name(), topic.origin());
      if (!topic.subscriptions().isEmpty()) {
        need(needs, SQS, "subscriptions of topic " + topic.name(), topic.origin());
      }
    }
    aws.tables().forEach(t -> need(needs, DYNAMODB, "table " + t.name(), t.origin()));
    aws.streams().forEach(s -> need(needs, KINESIS, "stream " + s.name(), s.origin()));
    aws.secrets().forEach(s -> need(needs, SECRETSMANAGER, "secret " + s.name(), s.origin()));
    aws.parameters().forEach(p -> need(needs, SSM, "parameter " + p.name(), p.origin()));
    var seed = profile.seed();
    seed.buckets().forEach(s -> need(needs, S3, "seed of bucket " + s.bucket(), s.origin()));
    seed.tables().forEach(s -> need(needs, DYNAMODB, "seed of table " + s.table(), s.origin()));
    seed.queues().forEach(s -> need(needs, SQS, "seed of queue " + s.queue(), s.origin()));
    return needs;
  }

  private static void need(Map<AwsService, String> needs, AwsService service, String what, Origin origin) {
    needs.putIfAbsent(service, origin == null || origin.file() == null ? what : what + " (" + origin + ")");
  }
}
