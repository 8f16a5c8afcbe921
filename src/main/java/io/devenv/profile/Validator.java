package io.devenv.profile;

import io.devenv.profile.BucketSpec.Notification;
import io.devenv.profile.QueueSpec.DeadLetter;
import io.devenv.profile.TableSpec.Index;
import io.devenv.profile.TopicSpec.Subscription;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The rules of ../shared/PROFILE.md that need the whole bound profile: AWS naming rules,
 * references between resources, and files that must exist. Tolerates values that failed to bind
 * (null), since binding problems are reported alongside.
 */
final class Validator {

  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern QUEUE = Pattern.compile("[A-Za-z0-9_-]{1,80}");
  private static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9_-]{1,256}");
  private static final Pattern TABLE = Pattern.compile("[A-Za-z0-9_.-]{3,255}");
  private static final Pattern STREAM = Pattern.compile("[A-Za-z0-9_.-]{1,128}");
  private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9/_+=.@-]{1,512}");
  private static final Pattern PARAMETER = Pattern.compile("[A-Za-z0-9_.\\-/]{1,2048}");
  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\\d");
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
  private static final Pattern DNS_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");

  private final List<Problem> problems;

  Validator(List<Problem> problems) {
    this.problems = problems;
  }

  void validate(Profile profile) {
    AwsSpec aws = profile.aws();
    if (aws.emulator() == AwsSpec.Emulator.CUSTOM && aws.image() == null) {
      problems.add(new Problem(aws.origin(), "aws.emulator 'custom' needs aws.image: name the emulator's image"));
    }
    if (aws.region() != null && !REGION.matcher(aws.region()).matches()) {
      problems.add(new Problem(aws.origin(), "aws.region '" + aws.region() + "' is not an AWS region such as us-east-1 or eu-west-3"));
    }
    if (aws.port() != null && (aws.port() < 1 || aws.port() > 65535)) {
      problems.add(new Problem(aws.origin(), "aws.port must be between 1 and 65535, not " + aws.port()));
    }
    Map<String, QueueSpec> queues = byName(aws.queues(), QueueSpec::name, QueueSpec::origin, "queue");
    byName(aws.buckets(), BucketSpec::name, BucketSpec::origin, "bucket").values().forEach(b -> bucket(b, queues));
    queues.values().forEach(q -> queue(q, queues));
    byName(aws.topics(), TopicSpec::name, TopicSpec::origin, "topic").values().forEach(t -> topic(t, queues));
    byName(aws.tables(), TableSpec::name, TableSpec::origin, "table").values().forEach(this::table);
    byName(aws.streams(), StreamSpec::name, StreamSpec::origin, "stream").values().forEach(this::stream);
    byName(aws.secrets(), SecretSpec::name, SecretSpec::origin, "secret").values().forEach(this::secret);
    byName(aws.parameters(), ParameterSpec::name, ParameterSpec::origin, "parameter").values().forEach(this::parameter);
    kubernetes(profile);
    seeds(profile);
  }

  private void bucket(BucketSpec b, Map<String, QueueSpec> queues) {
    String n = b.name();
    if (!BUCKET.matcher(n).matches() || n.contains("..") || IPV4.matcher(n).matches() || n.startsWith("xn--")
        || n.endsWith("-s3alias")) {
      problems.add(new Problem(b.origin(), "bucket name '" + n + "' is not a valid S3 bucket name: use 3-63 lowercase"
          + " letters, digits, dots and hyphens, starting and ending with a letter or digit, no '..', not an IP address"));
    }
    for (Notification notification : b.notifications()) {
      reference(b.origin(), "notification of bucket '" + n + "'", notification.queue(), queues);
      for (String event : notification.events()) {
        if (event == null || !event.startsWith("s3:")) {
          problems.add(new Problem(b.origin(), "notification event '" + event + "' of bucket '" + n
              + "' is not an S3 event type such as s3:ObjectCreated:*"));
        }
      }
    }
  }

  private void queue(QueueSpec q, Map<String, QueueSpec> queues) {
    String n = q.name();
    boolean fifoName = n.endsWith(".fifo");
    String base = fifoName ? n.substring(0, n.length() - 5) : n;
    if (!QUEUE.matcher(base).matches() || n.length() > 80) {
      problems.add(new Problem(q.origin(), "queue name '" + n + "' is not a valid SQS name: use 1-80 letters, digits,"
          + " '-' and '_' (plus '.fifo' for a FIFO queue)"));
    } else if (q.fifo() && !fifoName) {
      problems.add(new Problem(q.origin(), "queue '" + n + "' has fifo: true, so its name must end in '.fifo'"));
    } else if (!q.fifo() && fifoName) {
      problems.add(new Problem(q.origin(), "queue '" + n + "' ends in '.fifo' but has no 'fifo: true'; add it or rename the queue"));
    }
    if (q.contentBasedDeduplication() && !q.fifo()) {
      problems.add(new Problem(q.origin(), "queue '" + n + "': contentBasedDeduplication needs fifo: true"));
    }
    range(q.origin(), "visibilityTimeout of queue '" + n + "'", q.visibilityTimeout(), 0, 43_200);
    range(q.origin(), "delaySeconds of queue '" + n + "'", q.delaySeconds(), 0, 900);
    range(q.origin(), "messageRetentionPeriod of queue '" + n + "'", q.messageRetentionPeriod(), 60, 1_209_600);
    DeadLetter dlq = q.deadLetter();
    if (dlq == null || dlq.queue() == null) {
      return;
    }
    range(q.origin(), "deadLetter.maxReceiveCount of queue '" + n + "'", dlq.maxReceiveCount(), 1, 1000);
    if (dlq.queue().equals(n)) {
      problems.add(new Problem(q.origin(), "queue '" + n + "' cannot be its own dead-letter queue"));
      return;
    }
    QueueSpec target = reference(q.origin(), "dead-letter queue of queue '" + n + "'", dlq.queue(), queues);
    if (target != null && target.fifo() != q.fifo()) {
      problems.add(new Problem(q.origin(), q.fifo()
          ? "FIFO queue '" + n + "' needs a FIFO dead-letter queue, but '" + target.name() + "' is not FIFO"
          : "standard queue '" + n + "' needs a standard dead-letter queue, but '" + target.name() + "' is FIFO"));
    }
  }

  private void topic(TopicSpec t, Map<String, QueueSpec> queues) {
    if (!TOPIC.matcher(t.name()).matches()) {
      problems.add(new Problem(t.origin(), "topic name '" + t.name() + "' is not a valid SNS name: use 1-256 letters,"
          + " digits, '-' and '_'"));
    }
    for (Subscription s : t.subscriptions()) {
      QueueSpec q = reference(t.origin(), "subscription of topic '" + t.name() + "'", s.queue(), queues);
      if (q != null && q.fifo()) {
        problems.add(new Problem(t.origin(), "topic '" + t.name() + "' is a standard topic and cannot deliver to"
            + " FIFO queue '" + q.name() + "'"));
      }
    }
  }

  private void table(TableSpec t) {
    if (!TABLE.matcher(t.name()).matches()) {
      problems.add(new Problem(t.origin(), "table name '" + t.name() + "' is not a valid DynamoDB name: use 3-255"
          + " letters, digits, '_', '-' and '.'"));
    }
    Set<String> seen = new HashSet<>();
    for (Index index : t.indexes()) {
      if (index.name() == null) {
        continue;
      }
      if (!TABLE.matcher(index.name()).matches()) {
        problems.add(new Problem(t.origin(), "index name '" + index.name() + "' of table '" + t.name()
            + "' is not a valid DynamoDB name: use 3-255 letters, digits, '_', '-' and '.'"));
      }
      if (!seen.add(index.name())) {
        problems.add(new Problem(t.origin(), "table '" + t.name() + "' declares index '" + index.name() + "' twice"));
      }
    }
    if (t.partitionKey() != null && t.sortKey() != null && t.partitionKey().name() != null
        && t.partitionKey().name().equals(t.sortKey().name())) {
      problems.add(new Problem(t.origin(), "table '" + t.name() + "': the sort key cannot be the partition key '"
          + t.sortKey().name() + "'"));
    }
  }

  private void stream(StreamSpec s) {
    if (!STREAM.matcher(s.name()).matches()) {
      problems.add(new Problem(s.origin(), "stream name '" + s.name() + "' is not a valid Kinesis name: use 1-128"
          + " letters, digits, '_', '-' and '.'"));
    }
    range(s.origin(), "shards of stream '" + s.name() + "'", s.shards(), 1, 500);
  }

  private void secret(SecretSpec s) {
    if (!SECRET.matcher(s.name()).matches()) {
      problems.add(new Problem(s.origin(), "secret name '" + s.name() + "' is not a valid Secrets Manager name: use"
          + " 1-512 letters, digits and /_+=.@-"));
    }
    oneOf(s.origin(), "secret '" + s.name() + "'", s.value() != null, s.file());
  }

  private void parameter(ParameterSpec p) {
    String n = p.name();
    String bare = n.startsWith("/") ? n.substring(1) : n;
    if (!PARAMETER.matcher(n).matches() || n.contains("//") || n.endsWith("/")) {
      problems.add(new Problem(p.origin(), "parameter name '" + n + "' is not a valid SSM name: use a path such as"
          + " /app/key of letters, digits and _.-/"));
    } else if (bare.toLowerCase().startsWith("aws") || bare.toLowerCase().startsWith("ssm")) {
      problems.add(new Problem(p.origin(), "parameter name '" + n + "' cannot start with 'aws' or 'ssm' (reserved by AWS)"));
    } else if (n.split("/").length - (n.startsWith("/") ? 1 : 0) > 15) {
      problems.add(new Problem(p.origin(), "parameter name '" + n + "' has more than 15 levels"));
    }
    oneOf(p.origin(), "parameter '" + n + "'", p.value() != null, p.file());
  }

  private void kubernetes(Profile profile) {
    KubernetesSpec k = profile.kubernetes();
    if (k.namespace() != null && !DNS_LABEL.matcher(k.namespace()).matches()) {
      problems.add(new Problem(k.origin(), "kubernetes.namespace '" + k.namespace() + "' is not a valid"
          + " namespace: lowercase letters, digits and '-', at most 63"));
    }
    for (KubernetesSpec.PortForward f : k.portForwards()) {
      range(f.origin(), "port of the forward to '" + f.service() + "'", f.port(), 1, 65_535);
      range(f.origin(), "localPort of the forward to '" + f.service() + "'", f.localPort(), 0, 65_535);
    }
    if (k.waitTimeout() != null && (k.waitTimeout().isZero() || k.waitTimeout().isNegative())) {
      problems.add(new Problem(k.origin(), "kubernetes.waitTimeout must be positive"));
    }
  }

  private void seeds(Profile profile) {
    AwsSpec aws = profile.aws();
    Set<String> buckets = names(aws.buckets(), BucketSpec::name);
    Set<String> tables = names(aws.tables(), TableSpec::name);
    Set<String> queues = names(aws.queues(), QueueSpec::name);
    for (SeedSpec.BucketSeed s : profile.seed().buckets()) {
      declared(s.origin(), "seed of bucket", s.bucket(), buckets, "aws.buckets");
    }
    for (SeedSpec.TableSeed s : profile.seed().tables()) {
      declared(s.origin(), "seed of table", s.table(), tables, "aws.tables");
    }
    for (SeedSpec.QueueSeed s : profile.seed().queues()) {
      declared(s.origin(), "seed of queue", s.queue(), queues, "aws.queues");
    }
    for (SeedSpec.ConfigMapSeed s : profile.seed().configMaps()) {
      if (s.name() != null && !DNS_SUBDOMAIN.matcher(s.name()).matches()) {
        problems.add(new Problem(s.origin(), "ConfigMap name '" + s.name() + "' is not a valid Kubernetes name:"
            + " lowercase letters, digits, '-' and '.'"));
      }
    }
  }

  private <T> Map<String, T> byName(List<T> items, Function<T, String> name, Function<T, Origin> origin, String kind) {
    Map<String, T> out = new HashMap<>();
    for (T item : items) {
      String n = name.apply(item);
      if (n == null) {
        continue;
      }
      if (out.putIfAbsent(n, item) != null) {
        problems.add(new Problem(origin.apply(item), kind + " '" + n + "' is declared twice"));
      }
    }
    return out;
  }

  private static <T> Set<String> names(List<T> items, Function<T, String> name) {
    Set<String> out = new HashSet<>();
    items.forEach(i -> out.add(name.apply(i)));
    return out;
  }

  private <T> T reference(Origin at, String what, String name, Map<String, T> declared) {
    if (name == null) {
      return null;
    }
    T target = declared.get(name);
    if (target == null) {
      String hint = Suggestions.closest(name, declared.keySet()).map(s -> " (did you mean '" + s + "'?)").orElse("");
      problems.add(new Problem(at, what + " names queue '" + name + "', which this profile does not declare in"
          + " aws.queues" + hint));
    }
    return target;
  }

  private void declared(Origin at, String what, String name, Set<String> declared, String section) {
    if (name != null && !declared.contains(name)) {
      String hint = Suggestions.closest(name, declared).map(s -> " (did you mean '" + s + "'?)").orElse("");
      problems.add(new Problem(at, what + " '" + name + "' names nothing declared in " + section + hint));
    }
  }

  private void oneOf(Origin at, String what, boolean hasValue, Path file) {
    if (hasValue && file != null) {
      problems.add(new Problem(at, what + " has both 'value' and 'file'; keep one"));
    } else if (!hasValue && file == null) {
      problems.add(new Problem(at, what + " needs 'value' or 'file'"));
    }
  }

  private void range(Origin at, String what, Integer value, int min, int max) {
    if (value != null && (value < min || value > max)) {
      problems.add(new Problem(at, what + " must be between " + min + " and " + max + ", not " + value));
    }
  }
}
