package io.devenv.plan;

import io.devenv.profile.AwsSpec;
import io.devenv.profile.BucketSpec;
import io.devenv.profile.ParameterSpec;
import io.devenv.profile.QueueSpec;
import io.devenv.profile.SecretSpec;
import io.devenv.profile.StreamSpec;
import io.devenv.profile.TableSpec;
import io.devenv.profile.TopicSpec;
import java.util.ArrayList;
import java.util.List;

/** The plan's AWS resource steps, in the order the provisioner creates them. */
final class AwsSteps {

  private AwsSteps() {}

  static void add(PlanBuilder plan, AwsSpec aws) {
    // Queues first: dead-letter queues, then the rest; buckets and topics point at queues.
    aws.queues().stream().filter(q -> isDeadLetter(aws, q)).forEach(q -> queue(plan, q));
    aws.queues().stream().filter(q -> !isDeadLetter(aws, q)).forEach(q -> queue(plan, q));
    aws.topics().forEach(t -> topic(plan, t));
    aws.buckets().forEach(b -> bucket(plan, b));
    aws.tables().forEach(t -> table(plan, t));
    aws.streams().forEach(s -> stream(plan, s));
    aws.secrets().forEach(s -> secret(plan, s));
    aws.parameters().forEach(p -> parameter(plan, p));
  }

  /** The details, with "from main.tf:24" first for a resource read from Terraform. */
  private static List<String> from(io.devenv.profile.Origin origin, List<String> details) {
    if (origin == null || origin.file() == null || !origin.file().toString().endsWith(".tf")) {
      return details;
    }
    List<String> out = new ArrayList<>();
    out.add("from " + origin.displayFile() + ":" + origin.line());
    out.addAll(details);
    return out;
  }

  private static boolean isDeadLetter(AwsSpec aws, QueueSpec q) {
    return aws.queues().stream().anyMatch(o -> o.deadLetter() != null && q.name().equals(o.deadLetter().queue()));
  }

  private static void queue(PlanBuilder plan, QueueSpec q) {
    List<String> d = new ArrayList<>();
    if (q.fifo()) {
      d.add(q.contentBasedDeduplication() ? "FIFO, content-based deduplication" : "FIFO");
    }
    if (q.visibilityTimeout() != null) {
      d.add("visibility timeout " + q.visibilityTimeout() + "s");
    }
    if (q.delaySeconds() != null) {
      d.add("delay " + q.delaySeconds() + "s");
    }
    if (q.messageRetentionPeriod() != null) {
      d.add("retention " + q.messageRetentionPeriod() + "s");
    }
    if (q.deadLetter() != null) {
      d.add("dead letters → " + q.deadLetter().queue() + " after " + q.deadLetter().maxReceiveCount() + " receives");
    }
    plan.step("aws", "create SQS queue", q.name(), from(q.origin(), d));
  }

  private static void topic(PlanBuilder plan, TopicSpec t) {
    List<String> d = new ArrayList<>();
    for (TopicSpec.Subscription s : t.subscriptions()) {
      String how = (s.rawDelivery() ? "raw" : "enveloped")
          + (s.filterPolicy().isEmpty() ? "" : ", filter " + s.filterPolicy());
      d.add("subscription → " + s.queue() + " (" + how + ")");
    }
    plan.step("aws", "create SNS topic", t.name(), from(t.origin(), d));
  }

  private static void bucket(PlanBuilder plan, BucketSpec b) {
    List<String> d = new ArrayList<>();
    if (b.versioning()) {
      d.add("versioning");
    }
    if (!b.cors().isEmpty()) {
      d.add(b.cors().size() + " CORS rule" + (b.cors().size() == 1 ? "" : "s"));
    }
    for (BucketSpec.Notification n : b.notifications()) {
      String filter = (n.prefix() == null ? "" : ", prefix " + n.prefix()) + (n.suffix() == null ? "" : ", suffix " + n.suffix());
      d.add("notification → " + n.queue() + " (" + String.join(", ", n.events()) + filter + ")");
    }
    plan.step("aws", "create S3 bucket", b.name(), from(b.origin(), d));
  }

  private static void table(PlanBuilder plan, TableSpec t) {
    List<String> d = new ArrayList<>();
    d.add("key " + key(t.partitionKey()) + (t.sortKey() == null ? "" : " + " + key(t.sortKey())));
    for (TableSpec.Index i : t.indexes()) {
      d.add("index " + i.name() + " on " + key(i.partitionKey()) + (i.sortKey() == null ? "" : " + " + key(i.sortKey()))
          + " (" + i.projection() + ")");
    }
    if (t.ttl() != null) {
      d.add("TTL on " + t.ttl());
    }
    if (t.stream() != null) {
      d.add("stream " + t.stream());
    }
    plan.step("aws", "create DynamoDB table", t.name(), from(t.origin(), d));
  }

  private static String key(TableSpec.KeyAttribute k) {
    return k.name() + " (" + k.type() + ")";
  }

  private static void stream(PlanBuilder plan, StreamSpec s) {
    plan.step("aws", "create Kinesis stream", s.name(), from(s.origin(), List.of(s.shards() + " shard" + (s.shards() == 1 ? "" : "s"))));
  }

  private static void secret(PlanBuilder plan, SecretSpec s) {
    // Never print a secret's value in a plan: only where it comes from.
    String source = s.file() != null ? "from " + PlanBuilder.display(s.file())
        : s.value() instanceof java.util.Map<?, ?> m ? "JSON with keys " + m.keySet() : "a string value";
    plan.step("aws", "create secret", s.name(), from(s.origin(), List.of(source)));
  }

  private static void parameter(PlanBuilder plan, ParameterSpec p) {
    String source = p.file() != null ? "from " + PlanBuilder.display(p.file())
        : p.type() == ParameterSpec.Type.SecureString ? "value hidden" : "= " + p.value();
    plan.step("aws", "create SSM parameter", p.name(), from(p.origin(), List.of(p.type().toString(), source)));
  }
}
