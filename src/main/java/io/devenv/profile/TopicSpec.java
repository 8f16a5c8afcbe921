package io.devenv.profile;

import java.util.List;
import java.util.Map;

@Doc("An SNS topic.")
public record TopicSpec(
    Origin origin,
    @Doc("The topic name (1-256 characters: letters, digits, `-`, `_`).") @Required String name,
    @Doc("SQS queues of this profile subscribed to the topic.") List<Subscription> subscriptions) {

  @Doc("A subscription of an SQS queue to a topic.")
  public record Subscription(
      @Doc("The queue (declared in this profile) that receives the messages.") @Required String queue,
      @Doc("Deliver the message body alone, without the SNS envelope.") @Default("false") boolean rawDelivery,
      @Doc("An SNS filter policy on message attributes.") Map<String, Object> filterPolicy) {}
}
