package io.devenv.profile;

import io.devenv.profile.BucketSpec.CorsRule;
import io.devenv.profile.BucketSpec.Notification;
import io.devenv.profile.QueueSpec.DeadLetter;
import io.devenv.profile.TableSpec.Index;
import io.devenv.profile.TableSpec.KeyAttribute;
import io.devenv.profile.TopicSpec.Subscription;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import software.amazon.awssdk.regions.Region;

/**
 * The rules of the {@code aws} section: the emulator settings, AWS naming rules, and references
 * between resources (dead-letter queues, subscriptions, notifications), checked on the merged
 * profile. Values that failed to bind are null and skipped: their problem is already reported.
 */
final class AwsValidator {

  /** The regions the AWS SDK knows, without its pseudo-regions such as aws-global. */
  private static final Set<String> REGIONS = Region.regions().stream()
      .filter(r -> !r.isGlobalRegion())
      .map(Region::id)
      .collect(Collectors.toUnmodifiableSet());
  private static final Set<String> CORS_METHODS = Set.of("GET", "PUT", "POST", "DELETE", "HEAD");

  private final Checks checks;

  AwsValidator(Checks checks) {
    this.checks = checks;
  }

  void validate(AwsSpec aws) {
    settings(aws);
    Map<String, QueueSpec> queues = checks.byName(aws.queues(), QueueSpec::name, "queue");
    checks.byName(aws.buckets(), BucketSpec::name, "bucket").values().forEach(b -> bucket(b, queues));
    queues.values().forEach(q -> queue(q, queues));
    checks.byName(aws.topics(), TopicSpec::name, "topic").values().forEach(t -> topic(t, queues));
    checks.byName(aws.tables(), TableSpec::name, "table").values().forEach(this::table);
    checks.byName(aws.streams(), StreamSpec::name, "stream").values().forEach(s -> {
      name(s, "stream", s.name(), AwsNames::stream);
      checks.range(s, "shards", "shards of stream '" + s.name() + "'", s.shards(), 1, 500);
    });
    checks.byName(aws.secrets(), SecretSpec::name, "secret").values().forEach(s -> {
      name(s, "secret", s.name(), AwsNames::secret);
      valueOrFile(s, "secret '" + s.name() + "'");
    });
    checks.byName(aws.parameters(), ParameterSpec::name, "parameter").values().forEach(p -> {
      name(p, "parameter", p.name(), AwsNames::parameter);
      valueOrFile(p, "parameter '" + p.name() + "'");
    });
  }

  private void settings(AwsSpec aws) {
    boolean custom = aws.emulator() == AwsSpec.Emulator.CUSTOM;
    if (custom && aws.image() == null && !checks.isWritten(aws, "image")) {
      checks.add(checks.at(aws, "emulator"), "aws.emulator 'custom' needs aws.image: name the emulator's image");
    }
    if (aws.region() != null && !REGIONS.contains(aws.region())) {
      checks.add(checks.at(aws, "region"), "aws.region '" + aws.region()
          + "' is not an AWS region such as us-east-1 or eu-west-3" + Checks.didYouMean(aws.region(), REGIONS));
    }
    checks.range(aws, "port", "aws.port", aws.port(), 1, 65_535);
  }

  private void bucket(BucketSpec b, Map<String, QueueSpec> queues) {
    name(b, "bucket", b.name(), AwsNames::bucket);
    for (CorsRule rule : b.cors()) {
      for (String method : rule.allowedMethods()) {
        if (!CORS_METHODS.contains(method)) {
          checks.add(checks.at(rule, "allowedMethods"), "CORS method '" + method + "' of bucket '" + b.name()
              + "' is not one of GET, PUT, POST, DELETE, HEAD");
        }
      }
    }
    for (Notification n : b.notifications()) {
      QueueSpec q = checks.reference(checks.at(n, "queue"), "queue '" + n.queue() + "' notified by bucket '"
          + b.name() + "'", n.queue(), queues, "aws.queues");
      if (q != null && q.fifo()) {
        checks.add(checks.at(n, "queue"), "bucket '" + b.name() + "' cannot notify FIFO queue '" + q.name()
            + "': S3 sends events to standard queues only");
      }
      for (String event : n.events()) {
        if (!event.startsWith("s3:")) {
          checks.add(checks.at(n, "events"), "event '" + event + "' of a notification of bucket '" + b.name()
              + "' is not an S3 event type such as s3:ObjectCreated:*");
        }
      }
    }
  }

  private void queue(QueueSpec q, Map<String, QueueSpec> queues) {
    String n = q.name();
    boolean validName = name(q, "queue", n, AwsNames::queue);
    if (validName && q.fifo() && !n.endsWith(".fifo")) {
      checks.add(checks.at(q, "name"), "queue '" + n + "' has fifo: true, so its name must end in '.fifo'");
    } else if (validName && !q.fifo() && n.endsWith(".fifo")) {
      checks.add(checks.at(q, "name"), "queue '" + n + "' ends in '.fifo' but is not declared FIFO; add 'fifo: true'"
          + " or rename the queue");
    }
    if (q.contentBasedDeduplication() && !q.fifo()) {
      checks.add(checks.at(q, "contentBasedDeduplication"), "queue '" + n
          + "': contentBasedDeduplication needs fifo: true");
    }
    checks.range(q, "visibilityTimeout", "visibilityTimeout of queue '" + n + "'", q.visibilityTimeout(), 0, 43_200);
    checks.range(q, "delaySeconds", "delaySeconds of queue '" + n + "'", q.delaySeconds(), 0, 900);
    checks.range(q, "messageRetentionPeriod", "messageRetentionPeriod of queue '" + n + "'",
        q.messageRetentionPeriod(), 60, 1_209_600);
    DeadLetter dlq = q.deadLetter();
    if (dlq == null || dlq.queue() == null) {
      return;
    }
    checks.range(dlq, "maxReceiveCount", "deadLetter.maxReceiveCount of queue '" + n + "'", dlq.maxReceiveCount(),
        1, 1000);
    Origin at = checks.at(dlq, "queue");
    if (dlq.queue().equals(n)) {
      checks.add(at, "queue '" + n + "' cannot be its own dead-letter queue");
      return;
    }
    Map<String, QueueSpec> others = new HashMap<>(queues);
    others.remove(n); // never suggest a queue as its own dead-letter queue
    QueueSpec target = checks.reference(at, "dead-letter queue '" + dlq.queue() + "' of queue '" + n + "'",
        dlq.queue(), others, "aws.queues");
    if (target != null && target.fifo() != q.fifo()) {
      checks.add(at, q.fifo()
          ? "FIFO queue '" + n + "' needs a FIFO dead-letter queue, but '" + target.name() + "' is a standard queue"
          : "standard queue '" + n + "' needs a standard dead-letter queue, but '" + target.name() + "' is FIFO");
    }
  }

  private void topic(TopicSpec t, Map<String, QueueSpec> queues) {
    name(t, "topic", t.name(), AwsNames::topic);
    for (Subscription s : t.subscriptions()) {
      Origin at = checks.at(s, "queue");
      QueueSpec q = checks.reference(at, "queue '" + s.queue() + "' subscribed to topic '" + t.name() + "'", s.queue(),
          queues, "aws.queues");
      if (q != null && q.fifo()) {
        checks.add(at, "topic '" + t.name() + "' is a standard topic and cannot deliver to FIFO queue '" + q.name()
            + "'");
      }
    }
  }

  private void table(TableSpec t) {
    name(t, "table", t.name(), AwsNames::table);
    // DynamoDB declares each key attribute once: every key naming it must give it the same type.
    Map<String, KeyAttribute> attributes = new LinkedHashMap<>();
    keys(t, t, t.partitionKey(), t.sortKey(), "table '" + t.name() + "'", attributes);
    Set<String> seen = new HashSet<>();
    for (Index index : t.indexes()) {
      if (index.name() == null) {
        continue;
      }
      name(index, "index", index.name(), AwsNames::table);
      if (!seen.add(index.name())) {
        checks.add(checks.at(index, "name"), "table '" + t.name() + "' declares index '" + index.name() + "' twice");
      }
      keys(t, index, index.partitionKey(), index.sortKey(), "index '" + index.name() + "' of table '" + t.name() + "'",
          attributes);
    }
  }

  private void keys(TableSpec t, Object owner, KeyAttribute partition, KeyAttribute sort, String what,
      Map<String, KeyAttribute> attributes) {
    if (partition != null && sort != null && partition.name() != null && partition.name().equals(sort.name())) {
      checks.add(checks.at(owner, "sortKey"), what + ": the sort key cannot also be the partition key '"
          + sort.name() + "'");
      return;
    }
    for (KeyAttribute key : new KeyAttribute[] {partition, sort}) {
      if (key == null || key.name() == null || key.type() == null) {
        continue;
      }
      KeyAttribute earlier = attributes.putIfAbsent(key.name(), key);
      if (earlier != null && earlier.type() != key.type()) {
        checks.add(checks.at(key, "type"), what + ": key attribute '" + key.name() + "' has type " + key.type()
            + ", but table '" + t.name() + "' already gives it type " + earlier.type() + "; an attribute has one type");
      }
    }
  }

  /** Reports a name AWS would refuse; true when the name is valid. */
  private boolean name(Object record, String kind, String name, Function<String, String> rule) {
    String reason = rule.apply(name);
    if (reason != null) {
      checks.add(checks.at(record, "name"), kind + " name '" + name + "' is invalid: " + reason);
    }
    return reason == null;
  }

  private void valueOrFile(Object record, String what) {
    if (!checks.isBound(record)) {
      return; // made from Terraform, which always gives the value
    }
    boolean value = checks.isWritten(record, "value");
    boolean file = checks.isWritten(record, "file");
    if (value && file) {
      checks.add(checks.at(record, "file"), what + " has both 'value' and 'file'; keep one");
    } else if (!value && !file) {
      checks.add(checks.at(record), what + " needs 'value' or 'file'");
    }
  }
}
