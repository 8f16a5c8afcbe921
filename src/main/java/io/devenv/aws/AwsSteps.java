package io.devenv.aws;

import io.devenv.core.PlannedStep;
import io.devenv.profile.AwsSpec;
import io.devenv.profile.Origin;
import io.devenv.profile.BucketSpec;
import io.devenv.profile.ParameterSpec;
import io.devenv.profile.QueueSpec;
import io.devenv.profile.SecretSpec;
import io.devenv.profile.StreamSpec;
import io.devenv.profile.TableSpec;
import io.devenv.profile.TopicSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The AWS steps of {@code up}, one per kind as the provisioner reports them ({@link #name}), each
 * listing its resources in the order they are created.
 */
public final class AwsSteps {

  private AwsSteps() {}

  /** The progress name of one kind's step: "AWS 2 queues". */
  public static String name(String kind, int count) {
    return step(kind, count, List.of()).name();
  }

  public static List<PlannedStep> of(AwsSpec aws) {
    Map<String, List<String>> byKind = new LinkedHashMap<>();
    ProvisionReport.KINDS.forEach(k -> byKind.put(k, new ArrayList<>()));
    // Dead-letter queues before the queues that point at them.
    aws.queues().stream().filter(q -> isDeadLetter(aws, q)).forEach(q -> byKind.get("queue").add(queue(q)));
    aws.queues().stream().filter(q -> !isDeadLetter(aws, q)).forEach(q -> byKind.get("queue").add(queue(q)));
    aws.topics().forEach(t -> byKind.get("topic").add(topic(t)));
    aws.buckets().forEach(b -> byKind.get("bucket").add(bucket(b)));
    aws.tables().forEach(t -> byKind.get("table").add(table(t)));
    aws.streams().forEach(s -> byKind.get("stream").add(stream(s)));
    aws.secrets().forEach(s -> byKind.get("secret").add(secret(s)));
    aws.parameters().forEach(p -> byKind.get("parameter").add(parameter(p)));
    List<PlannedStep> steps = new ArrayList<>();
    byKind.forEach((kind, resources) -> {
      if (!resources.isEmpty()) {
        steps.add(step(kind, resources.size(), resources));
      }
    });
    return steps;
  }

  private static PlannedStep step(String kind, int count, List<String> resources) {
    return new PlannedStep("aws", "AWS", count + " " + kind + (count == 1 ? "" : "s"), resources);
  }

  /** "name: detail, detail" or just the name. */
  private static String line(String name, List<String> details) {
    return details.isEmpty() ? name : name + ": " + String.join(", ", details);
  }

  /** The details, with "from main.tf:24" first for a resource read from Terraform (aws.terraform). */
  private static List<String> from(Origin origin, List<String> details) {
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

  private static String queue(QueueSpec q) {
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
    return line(q.name(), from(q.origin(), d));
  }

  private static String topic(TopicSpec t) {
    List<String> d = new ArrayList<>();
    for (TopicSpec.Subscription s : t.subscriptions()) {
      String how = (s.rawDelivery() ? "raw" : "enveloped")
          + (s.filterPolicy().isEmpty() ? "" : ", filter " + s.filterPolicy());
      d.add("subscription → " + s.queue() + " (" + how + ")");
    }
    return line(t.name(), from(t.origin(), d));
  }

  private static String bucket(BucketSpec b) {
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
    return line(b.name(), from(b.origin(), d));
  }

  private static String table(TableSpec t) {
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
    return line(t.name(), from(t.origin(), d));
  }

  private static String key(TableSpec.KeyAttribute k) {
    return k.name() + " (" + k.type() + ")";
  }

  private static String stream(StreamSpec s) {
    return line(s.name(), from(s.origin(), List.of(s.shards() + " shard" + (s.shards() == 1 ? "" : "s"))));
  }

  private static String secret(SecretSpec s) {
    // Never print a secret's value in a plan: only where it comes from.
    String source = s.file() != null ? "from " + Origin.display(s.file())
        : s.value() instanceof java.util.Map<?, ?> m ? "JSON with keys " + m.keySet() : "a string value";
    return line(s.name(), from(s.origin(), List.of(source)));
  }

  private static String parameter(ParameterSpec p) {
    String source = p.file() != null ? "from " + Origin.display(p.file())
        : p.type() == ParameterSpec.Type.SecureString ? "value hidden" : "= " + p.value();
    return line(p.name(), from(p.origin(), List.of(p.type().toString(), source)));
  }
}
