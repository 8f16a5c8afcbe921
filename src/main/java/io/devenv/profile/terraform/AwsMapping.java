package io.devenv.profile.terraform;

import io.devenv.profile.BucketSpec;
import io.devenv.profile.Origin;
import io.devenv.profile.ParameterSpec;
import io.devenv.profile.QueueSpec;
import io.devenv.profile.SecretSpec;
import io.devenv.profile.StreamSpec;
import io.devenv.profile.TableSpec;
import io.devenv.profile.TopicSpec;
import io.devenv.profile.terraform.TerraformModule.Instance;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Maps evaluated Terraform resources to the records of a profile's {@code aws} section. Each
 * spec's origin is the resource block, so messages and {@code devenv plan} point at the .tf line.
 */
final class AwsMapping {

  private final List<Instance> instances;
  private final List<NotEmulated> notEmulated;

  AwsMapping(List<Instance> instances, List<NotEmulated> notEmulated) {
    this.instances = instances;
    this.notEmulated = notEmulated;
  }

  TerraformImport.Resources map() {
    return new TerraformImport.Resources(buckets(), queues(), topics(), tables(), streams(), secrets(), parameters(),
        List.copyOf(notEmulated));
  }

  private List<Instance> of(String type) {
    return instances.stream().filter(i -> i.type().equals(type)).toList();
  }

  private List<BucketSpec> buckets() {
    List<BucketSpec> out = new ArrayList<>();
    for (Instance b : of("aws_s3_bucket")) {
      String name = string(b, b.body(), "bucket", true);
      Predicate<Instance> forThis = i -> name.equals(Identities.name(string(i, i.body(), "bucket", true)));
      boolean versioning = b.body().blocks("versioning").stream().anyMatch(v -> bool(b, v, "enabled", false));
      for (Instance v : of("aws_s3_bucket_versioning").stream().filter(forThis).toList()) {
        for (Body config : v.body().blocks("versioning_configuration")) {
          versioning = "Enabled".equals(string(v, config, "status", true));
        }
      }
      List<BucketSpec.CorsRule> cors = new ArrayList<>(corsRules(b, b.body()));
      for (Instance c : of("aws_s3_bucket_cors_configuration").stream().filter(forThis).toList()) {
        cors.addAll(corsRules(c, c.body()));
      }
      List<BucketSpec.Notification> notifications = new ArrayList<>();
      for (Instance n : of("aws_s3_bucket_notification").stream().filter(forThis).toList()) {
        for (Body q : n.body().blocks("queue")) {
          notifications.add(new BucketSpec.Notification(Identities.name(string(n, q, "queue_arn", true)),
              strings(n, q, "events"), string(n, q, "filter_prefix", false), string(n, q, "filter_suffix", false)));
        }
        for (String other : List.of("topic", "lambda_function")) {
          if (!n.body().blocks(other).isEmpty()) {
            notEmulated.add(new NotEmulated(n.address() + " (" + other + " notifications)", n.origin()));
          }
        }
      }
      out.add(new BucketSpec(b.origin(), name, versioning, List.copyOf(cors), List.copyOf(notifications)));
    }
    for (String type : List.of("aws_s3_bucket_versioning", "aws_s3_bucket_cors_configuration", "aws_s3_bucket_notification")) {
      for (Instance i : of(type)) {
        String bucket = Identities.name(string(i, i.body(), "bucket", true));
        if (out.stream().noneMatch(b -> b.name().equals(bucket))) {
          throw new TerraformException(i.body().origin("bucket"), i.address() + " configures bucket '" + bucket
              + "', which no aws_s3_bucket of this directory creates");
        }
      }
    }
    return out;
  }

  private List<BucketSpec.CorsRule> corsRules(Instance i, Body body) {
    List<BucketSpec.CorsRule> rules = new ArrayList<>();
    for (Body r : body.blocks("cors_rule")) {
      rules.add(new BucketSpec.CorsRule(strings(i, r, "allowed_methods"), strings(i, r, "allowed_origins"),
          strings(i, r, "allowed_headers"), strings(i, r, "expose_headers"), integer(i, r, "max_age_seconds")));
    }
    return rules;
  }

  private List<QueueSpec> queues() {
    List<QueueSpec> out = new ArrayList<>();
    for (Instance q : of("aws_sqs_queue")) {
      Body body = q.body();
      QueueSpec.DeadLetter deadLetter = null;
      Object redrive = known(q, body, "redrive_policy");
      if (redrive != null) {
        Map<String, Object> policy = Functions.map(redrive instanceof String s ? Functions.jsondecode(s, body.origin("redrive_policy"))
            : redrive, body.origin("redrive_policy"));
        Object target = policy.get("deadLetterTargetArn");
        Object max = policy.get("maxReceiveCount");
        if (target == null) {
          throw new TerraformException(body.origin("redrive_policy"), q.address() + ": redrive_policy has no deadLetterTargetArn");
        }
        deadLetter = new QueueSpec.DeadLetter(Identities.name(Expressions.string(target, body.origin("redrive_policy"))),
            max == null ? 5 : Expressions.number(max, body.origin("redrive_policy")).intValueExact());
      }
      out.add(new QueueSpec(q.origin(), string(q, body, "name", true), integer(q, body, "visibility_timeout_seconds"),
          integer(q, body, "delay_seconds"), integer(q, body, "message_retention_seconds"), deadLetter,
          bool(q, body, "fifo_queue", false), bool(q, body, "content_based_deduplication", false)));
    }
    return out;
  }

  private List<TopicSpec> topics() {
    List<TopicSpec> out = new ArrayList<>();
    for (Instance t : of("aws_sns_topic")) {
      String name = string(t, t.body(), "name", true);
      List<TopicSpec.Subscription> subscriptions = new ArrayList<>();
      for (Instance s : of("aws_sns_topic_subscription")) {
        if (!name.equals(Identities.name(string(s, s.body(), "topic_arn", true)))) {
          continue;
        }
        String protocol = string(s, s.body(), "protocol", true);
        if (!protocol.equals("sqs")) {
          notEmulated.add(new NotEmulated(s.address() + " (protocol " + protocol + ")", s.origin()));
          continue;
        }
        Object filter = known(s, s.body(), "filter_policy");
        Map<String, Object> filterPolicy = filter == null ? Map.of()
            : plain(Functions.map(filter instanceof String f ? Functions.jsondecode(f, s.body().origin("filter_policy")) : filter,
                s.body().origin("filter_policy")));
        subscriptions.add(new TopicSpec.Subscription(Identities.name(string(s, s.body(), "endpoint", true)),
            bool(s, s.body(), "raw_message_delivery", false), filterPolicy));
      }
      out.add(new TopicSpec(t.origin(), name, List.copyOf(subscriptions)));
    }
    for (Instance s : of("aws_sns_topic_subscription")) {
      String topic = Identities.name(string(s, s.body(), "topic_arn", true));
      if (out.stream().noneMatch(t -> t.name().equals(topic))) {
        throw new TerraformException(s.body().origin("topic_arn"), s.address() + " subscribes to topic '" + topic
            + "', which no aws_sns_topic of this directory creates");
      }
    }
    return out;
  }

  private List<TableSpec> tables() {
    List<TableSpec> out = new ArrayList<>();
    for (Instance t : of("aws_dynamodb_table")) {
      Body body = t.body();
      Map<String, TableSpec.AttributeType> types = new LinkedHashMap<>();
      for (Body a : body.blocks("attribute")) {
        String type = string(t, a, "type", true);
        try {
          types.put(string(t, a, "name", true), TableSpec.AttributeType.valueOf(type));
        } catch (IllegalArgumentException e) {
          throw new TerraformException(a.origin("type"), t.address() + ": attribute type must be S, N or B, not " + type);
        }
      }
      List<TableSpec.Index> indexes = new ArrayList<>();
      for (Body g : body.blocks("global_secondary_index")) {
        String projection = string(t, g, "projection_type", true);
        if (!projection.equals("ALL") && !projection.equals("KEYS_ONLY")) {
          throw new TerraformException(g.origin("projection_type"), t.address() + ": projection_type " + projection
              + " is not supported by devenv (ALL or KEYS_ONLY)");
        }
        indexes.add(new TableSpec.Index(string(t, g, "name", true), key(t, g, "hash_key", types, true),
            key(t, g, "range_key", types, false), TableSpec.Projection.valueOf(projection)));
      }
      String ttl = null;
      for (Body block : body.blocks("ttl")) {
        if (bool(t, block, "enabled", true)) {
          ttl = string(t, block, "attribute_name", true);
        }
      }
      TableSpec.StreamView stream = null;
      if (bool(t, body, "stream_enabled", false)) {
        String view = string(t, body, "stream_view_type", true);
        try {
          stream = TableSpec.StreamView.valueOf(view);
        } catch (IllegalArgumentException e) {
          throw new TerraformException(body.origin("stream_view_type"), t.address() + ": unknown stream_view_type " + view);
        }
      }
      out.add(new TableSpec(t.origin(), string(t, body, "name", true), key(t, body, "hash_key", types, true),
          key(t, body, "range_key", types, false), List.copyOf(indexes), ttl, stream));
    }
    return out;
  }

  private static TableSpec.KeyAttribute key(Instance t, Body body, String argument, Map<String, TableSpec.AttributeType> types,
      boolean required) {
    String name = string(t, body, argument, required);
    if (name == null) {
      return null;
    }
    TableSpec.AttributeType type = types.get(name);
    if (type == null) {
      throw new TerraformException(body.origin(argument), t.address() + ": key '" + name + "' has no attribute block"
          + " giving its type");
    }
    return new TableSpec.KeyAttribute(name, type);
  }

  private List<StreamSpec> streams() {
    List<StreamSpec> out = new ArrayList<>();
    for (Instance s : of("aws_kinesis_stream")) {
      Integer shards = integer(s, s.body(), "shard_count");
      out.add(new StreamSpec(s.origin(), string(s, s.body(), "name", true), shards == null ? 1 : shards));
    }
    return out;
  }

  private List<SecretSpec> secrets() {
    List<SecretSpec> out = new ArrayList<>();
    for (Instance s : of("aws_secretsmanager_secret")) {
      String name = string(s, s.body(), "name", true);
      Object value = null;
      for (Instance v : of("aws_secretsmanager_secret_version")) {
        if (name.equals(Identities.secretName(string(v, v.body(), "secret_id", true)))) {
          String text = string(v, v.body(), "secret_string", true);
          value = text.strip().startsWith("{") ? jsonObjectOrText(text) : text;
        }
      }
      if (value == null) {
        throw new TerraformException(s.origin(), s.address() + " has no aws_secretsmanager_secret_version with a"
            + " secret_string; devenv needs the value to create it");
      }
      out.add(new SecretSpec(s.origin(), name, value, null));
    }
    return out;
  }

  /** A JSON object is kept as a map, as a profile writes it, so both store the same JSON. */
  private static Object jsonObjectOrText(String text) {
    try {
      Object decoded = Functions.jsondecode(text, Origin.NONE);
      return decoded instanceof Map<?, ?> m ? plain(Functions.map(m, Origin.NONE)) : text;
    } catch (TerraformException e) {
      return text;
    }
  }

  private List<ParameterSpec> parameters() {
    List<ParameterSpec> out = new ArrayList<>();
    for (Instance p : of("aws_ssm_parameter")) {
      String type = string(p, p.body(), "type", false);
      String value = p.body().has("insecure_value") ? string(p, p.body(), "insecure_value", true)
          : string(p, p.body(), "value", true);
      ParameterSpec.Type parsed;
      try {
        parsed = type == null ? ParameterSpec.Type.String : ParameterSpec.Type.valueOf(type);
      } catch (IllegalArgumentException e) {
        throw new TerraformException(p.body().origin("type"), p.address() + ": type must be String, StringList or SecureString");
      }
      out.add(new ParameterSpec(p.origin(), string(p, p.body(), "name", true), value, null, parsed));
    }
    return out;
  }

  /** An argument's value; an Unknown one is an error naming what it depends on. */
  private static Object known(Instance i, Body body, String argument) {
    Object value = body.value(argument);
    if (value instanceof Unknown u) {
      throw new TerraformException(body.origin(argument), i.address() + "." + argument + " depends on " + u.what()
          + ", which devenv cannot know");
    }
    return value;
  }

  private static String string(Instance i, Body body, String argument, boolean required) {
    Object value = known(i, body, argument);
    if (value == null) {
      if (required) {
        throw new TerraformException(body.origin(), i.address() + ": " + argument + " is required by devenv");
      }
      return null;
    }
    return Expressions.string(value, body.origin(argument));
  }

  private static boolean bool(Instance i, Body body, String argument, boolean absent) {
    Object value = known(i, body, argument);
    return value == null ? absent : Expressions.bool(value, body.origin(argument));
  }

  private static Integer integer(Instance i, Body body, String argument) {
    Object value = known(i, body, argument);
    if (value == null) {
      return null;
    }
    BigDecimal n = Expressions.number(value, body.origin(argument));
    try {
      return n.intValueExact();
    } catch (ArithmeticException e) {
      throw new TerraformException(body.origin(argument), i.address() + "." + argument + " must be a whole number");
    }
  }

  private static List<String> strings(Instance i, Body body, String argument) {
    Object value = known(i, body, argument);
    if (value == null) {
      return List.of();
    }
    return Functions.list(value, body.origin(argument)).stream().map(o -> Expressions.string(o, body.origin(argument))).toList();
  }

  /** Numbers as a profile's YAML gives them (Integer, Double), so both forms compare equal. */
  private static Map<String, Object> plain(Map<String, Object> map) {
    Map<String, Object> out = new LinkedHashMap<>();
    map.forEach((k, v) -> out.put(k, plainValue(v)));
    return java.util.Collections.unmodifiableMap(out);
  }

  @SuppressWarnings("unchecked")
  private static Object plainValue(Object v) {
    if (v instanceof Map<?, ?> m) {
      return plain((Map<String, Object>) m);
    }
    if (v instanceof List<?> l) {
      return l.stream().map(AwsMapping::plainValue).toList();
    }
    if (v instanceof BigDecimal n) {
      BigDecimal s = n.stripTrailingZeros();
      if (s.scale() <= 0 && s.abs().compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0) {
        return Integer.valueOf(s.intValueExact()); // not in a ternary: that would widen it to a double
      }
      return Double.valueOf(n.doubleValue());
    }
    return v;
  }
}
