package io.devenv.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.devenv.profile.TopicSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.Subscription;
import software.amazon.awssdk.services.sns.model.Tag;
import software.amazon.awssdk.services.sns.model.Topic;

/**
 * Creates an SNS topic with its tag, then its SQS subscriptions (raw delivery, filter policy).
 *
 * <p>Compared on an existing subscription: RawMessageDelivery and FilterPolicy (as JSON, so
 * spacing and key order do not count).
 */
final class TopicProvisioner {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final AwsClients aws;
  private final String profileName;
  private Map<String, String> existingTopics;

  TopicProvisioner(AwsClients aws, String profileName) {
    this.aws = aws;
    this.profileName = profileName;
  }

  /** The topic's ARN, creating the topic when missing. */
  String ensure(TopicSpec spec, Change change) {
    String arn = existing().get(spec.name());
    if (arn != null) {
      return arn;
    }
    change.created();
    return aws.sns().createTopic(r -> r.name(spec.name())
        .tags(Tag.builder().key(Tags.PROFILE).value(profileName).build())).topicArn();
  }

  /** Every topic of the account by name, listed once per run. */
  private synchronized Map<String, String> existing() {
    if (existingTopics == null) {
      Map<String, String> map = new HashMap<>();
      for (Topic topic : aws.sns().listTopicsPaginator().topics()) {
        String arn = topic.topicArn();
        map.put(arn.substring(arn.lastIndexOf(':') + 1), arn);
      }
      existingTopics = map;
    }
    return existingTopics;
  }

  /** Subscribes the declared queues the topic lacks and compares the ones it has. */
  void ensureSubscriptions(TopicSpec spec, String topicArn, Map<String, String> queueArns, Change change) {
    if (spec.subscriptions().isEmpty()) {
      return;
    }
    SnsClient sns = aws.sns();
    List<Subscription> current = change.isCreated()
        ? List.of()
        : sns.listSubscriptionsByTopicPaginator(r -> r.topicArn(topicArn)).subscriptions().stream().toList();
    for (TopicSpec.Subscription sub : spec.subscriptions()) {
      String queueArn = queueArns.get(sub.queue());
      Map<String, String> wanted = attributes(sub);
      Optional<Subscription> found = current.stream()
          .filter(s -> "sqs".equals(s.protocol()) && queueArn.equals(s.endpoint())).findFirst();
      if (found.isEmpty()) {
        sns.subscribe(r -> r.topicArn(topicArn).protocol("sqs").endpoint(queueArn).attributes(wanted)
            .returnSubscriptionArn(true));
        change.changed("queue " + sub.queue() + " subscribed");
        continue;
      }
      Map<String, String> actual = sns.getSubscriptionAttributes(r -> r.subscriptionArn(found.get().subscriptionArn()))
          .attributes();
      boolean raw = Boolean.parseBoolean(actual.getOrDefault("RawMessageDelivery", "false"));
      if (raw != sub.rawDelivery()) {
        change.drift("subscription of queue " + sub.queue() + ": RawMessageDelivery", raw, sub.rawDelivery());
      }
      String wantedFilter = wanted.get("FilterPolicy");
      String actualFilter = actual.get("FilterPolicy");
      if (!sameJson(actualFilter, wantedFilter)) {
        change.drift("subscription of queue " + sub.queue() + ": FilterPolicy",
            actualFilter == null ? "none" : actualFilter, wantedFilter == null ? "none" : wantedFilter);
      }
    }
  }

  private static Map<String, String> attributes(TopicSpec.Subscription sub) {
    Map<String, String> attributes = new HashMap<>();
    if (sub.rawDelivery()) {
      attributes.put("RawMessageDelivery", "true");
    }
    if (sub.filterPolicy() != null && !sub.filterPolicy().isEmpty()) {
      try {
        attributes.put("FilterPolicy", JSON.writeValueAsString(sub.filterPolicy()));
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException("filter policy of a subscription to " + sub.queue() + " is not JSON", e);
      }
    }
    return attributes;
  }

  private static boolean sameJson(String a, String b) {
    boolean aEmpty = a == null || a.isBlank();
    boolean bEmpty = b == null || b.isBlank();
    if (aEmpty || bEmpty) {
      return aEmpty == bEmpty;
    }
    try {
      return JSON.readTree(a).equals(JSON.readTree(b));
    } catch (JsonProcessingException e) {
      return false;
    }
  }
}
