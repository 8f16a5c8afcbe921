package io.devenv.aws;

import io.devenv.profile.AwsSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;

/**
 * Which declared resources the emulator lacks, asked with read calls only (never created): for
 * {@code devenv status --verify}, which must not change the environment it looks at.
 */
public final class ResourcePresence {
  private final AwsClients aws;

  public ResourcePresence(AwsClients aws) {
    this.aws = aws;
  }

  /** "queue orders", one per declared resource that is not there; empty when all are. */
  public List<String> missing(AwsSpec spec) {
    List<String> missing = new ArrayList<>();
    spec.buckets().stream().filter(b -> !bucket(b.name())).forEach(b -> missing.add("bucket " + b.name()));
    spec.queues().stream().filter(q -> !queue(q.name())).forEach(q -> missing.add("queue " + q.name()));
    if (!spec.topics().isEmpty()) {
      Set<String> topics = aws.sns().listTopicsPaginator().topics().stream()
          .map(t -> t.topicArn().substring(t.topicArn().lastIndexOf(':') + 1)).collect(Collectors.toSet());
      spec.topics().stream().filter(t -> !topics.contains(t.name())).forEach(t -> missing.add("topic " + t.name()));
    }
    spec.tables().stream().filter(t -> !table(t.name())).forEach(t -> missing.add("table " + t.name()));
    spec.streams().stream().filter(s -> !stream(s.name())).forEach(s -> missing.add("stream " + s.name()));
    spec.secrets().stream().filter(s -> !secret(s.name())).forEach(s -> missing.add("secret " + s.name()));
    spec.parameters().stream().filter(p -> !parameter(p.name())).forEach(p -> missing.add("parameter " + p.name()));
    return missing;
  }

  private boolean bucket(String name) {
    return bucketExists(aws.s3(), name);
  }

  /** Whether the bucket exists: the provisioner asks the same before it creates one. */
  static boolean bucketExists(software.amazon.awssdk.services.s3.S3Client s3, String name) {
    try {
      s3.headBucket(r -> r.bucket(name));
      return true;
    } catch (NoSuchBucketException e) {
      return false;
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return false;
      }
      throw e;
    }
  }

  private boolean queue(String name) {
    try {
      aws.sqs().getQueueUrl(r -> r.queueName(name));
      return true;
    } catch (QueueDoesNotExistException e) {
      return false;
    }
  }

  private boolean table(String name) {
    try {
      aws.dynamo().describeTable(r -> r.tableName(name));
      return true;
    } catch (ResourceNotFoundException e) {
      return false;
    }
  }

  private boolean stream(String name) {
    try {
      aws.kinesis().describeStreamSummary(r -> r.streamName(name));
      return true;
    } catch (software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException e) {
      return false;
    }
  }

  private boolean secret(String name) {
    try {
      aws.secrets().describeSecret(r -> r.secretId(name));
      return true;
    } catch (software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException e) {
      return false;
    }
  }

  private boolean parameter(String name) {
    try {
      aws.ssm().getParameter(r -> r.name(name));
      return true;
    } catch (ParameterNotFoundException e) {
      return false;
    }
  }
}
