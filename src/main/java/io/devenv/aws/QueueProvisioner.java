package io.devenv.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.devenv.profile.QueueSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * Creates an SQS queue with its attributes, dead-letter redrive and the policy that lets the
 * profile's buckets and topics send to it; compares an existing queue with the profile.
 *
 * <p>Compared: FifoQueue, ContentBasedDeduplication, VisibilityTimeout, DelaySeconds,
 * MessageRetentionPeriod, RedrivePolicy (target and maxReceiveCount). Attributes the profile
 * leaves out are not compared.
 */
final class QueueProvisioner {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final AwsClients aws;
  private final String profileName;
  /** The emulator is known to hold nothing yet: create without asking first ({@link AwsProvisioner#onEmptyEmulator}). */
  private final boolean empty;

  QueueProvisioner(AwsClients aws, String profileName) {
    this(aws, profileName, false);
  }

  QueueProvisioner(AwsClients aws, String profileName, boolean empty) {
    this.aws = aws;
    this.profileName = profileName;
    this.empty = empty;
  }

  /** A queue as it is after provisioning. */
  record Provisioned(ResourceResult result, String url, String arn) {}

  /**
   * @param dlqArn the dead-letter queue's ARN when the spec names one (created before this queue)
   * @param grantsFor the buckets and topics that must be allowed to send to it, given its ARN
   */
  Provisioned ensure(QueueSpec spec, String dlqArn, Function<String, List<QueuePolicy.Grant>> grantsFor) {
    Change change = new Change("queue", spec.name());
    SqsClient sqs = aws.sqs();
    Map<QueueAttributeName, String> wanted = declaredAttributes(spec, dlqArn);
    String url = empty ? AwsErrors.unlessThere(() -> create(spec, wanted)) : null;
    if (url != null) {
      change.created();
    } else {
      try {
        url = sqs.getQueueUrl(r -> r.queueName(spec.name())).queueUrl();
      } catch (QueueDoesNotExistException e) {
        url = null;
      }
      if (url == null) {
        url = create(spec, wanted);
        change.created();
      }
    }
    String queueUrl = url;
    Map<QueueAttributeName, String> actual = sqs.getQueueAttributes(
        r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.ALL)).attributes();
    String arn = actual.get(QueueAttributeName.QUEUE_ARN);
    if (!change.isCreated()) {
      compare(spec, wanted, actual, change, queueUrl);
    }
    List<QueuePolicy.Grant> grants = grantsFor.apply(arn);
    String policy = QueuePolicy.merge(actual.get(QueueAttributeName.POLICY), arn, grants);
    if (policy != null) {
      sqs.setQueueAttributes(r -> r.queueUrl(queueUrl).attributes(Map.of(QueueAttributeName.POLICY, policy)));
      change.changed("policy: allowed " + grants.stream().map(QueuePolicy.Grant::sourceArn).toList() + " to send");
    }
    return new Provisioned(change.result(), queueUrl, arn);
  }

  private String create(QueueSpec spec, Map<QueueAttributeName, String> wanted) {
    return aws.sqs().createQueue(r -> r.queueName(spec.name()).attributes(wanted).tags(Map.of(Tags.PROFILE, profileName)))
        .queueUrl();
  }

  private void compare(QueueSpec spec, Map<QueueAttributeName, String> wanted,
      Map<QueueAttributeName, String> actual, Change change, String url) {
    boolean fifo = Boolean.parseBoolean(actual.getOrDefault(QueueAttributeName.FIFO_QUEUE, "false"));
    if (fifo != spec.fifo()) {
      change.drift("FifoQueue", fifo, spec.fifo());
    }
    if (spec.fifo()) {
      boolean cbd = Boolean.parseBoolean(actual.getOrDefault(QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "false"));
      if (cbd != spec.contentBasedDeduplication()) {
        change.drift("ContentBasedDeduplication", cbd, spec.contentBasedDeduplication());
      }
    }
    for (QueueAttributeName name : List.of(QueueAttributeName.VISIBILITY_TIMEOUT, QueueAttributeName.DELAY_SECONDS,
        QueueAttributeName.MESSAGE_RETENTION_PERIOD)) {
      String want = wanted.get(name);
      if (want != null && !want.equals(actual.get(name))) {
        change.drift(name.toString(), actual.get(name), want);
      }
    }
    String wantRedrive = wanted.get(QueueAttributeName.REDRIVE_POLICY);
    if (wantRedrive != null) {
      String have = actual.get(QueueAttributeName.REDRIVE_POLICY);
      if (have == null || have.isBlank()) {
        aws.sqs().setQueueAttributes(r -> r.queueUrl(url)
            .attributes(Map.of(QueueAttributeName.REDRIVE_POLICY, wantRedrive)));
        change.changed("dead-letter queue " + spec.deadLetter().queue() + " set");
      } else if (!sameRedrive(have, wantRedrive)) {
        change.drift("RedrivePolicy", have, wantRedrive);
      }
    }
  }

  static Map<QueueAttributeName, String> declaredAttributes(QueueSpec spec, String dlqArn) {
    Map<QueueAttributeName, String> attributes = new LinkedHashMap<>();
    if (spec.fifo()) {
      attributes.put(QueueAttributeName.FIFO_QUEUE, "true");
      attributes.put(QueueAttributeName.CONTENT_BASED_DEDUPLICATION, Boolean.toString(spec.contentBasedDeduplication()));
    }
    putIfSet(attributes, QueueAttributeName.VISIBILITY_TIMEOUT, spec.visibilityTimeout());
    putIfSet(attributes, QueueAttributeName.DELAY_SECONDS, spec.delaySeconds());
    putIfSet(attributes, QueueAttributeName.MESSAGE_RETENTION_PERIOD, spec.messageRetentionPeriod());
    if (spec.deadLetter() != null && dlqArn != null) {
      attributes.put(QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"" + dlqArn
          + "\",\"maxReceiveCount\":" + spec.deadLetter().maxReceiveCount() + "}");
    }
    return attributes;
  }

  private static void putIfSet(Map<QueueAttributeName, String> map, QueueAttributeName name, Integer value) {
    if (value != null) {
      map.put(name, value.toString());
    }
  }

  /** Services write maxReceiveCount as a number or as a string; compare the meaning. */
  static boolean sameRedrive(String a, String b) {
    try {
      JsonNode x = JSON.readTree(a);
      JsonNode y = JSON.readTree(b);
      return x.path("deadLetterTargetArn").asText().equals(y.path("deadLetterTargetArn").asText())
          && x.path("maxReceiveCount").asText().equals(y.path("maxReceiveCount").asText());
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
