package io.devenv.checkpoint;

import io.devenv.aws.AwsClients;
import io.devenv.profile.BucketSpec;
import io.devenv.profile.ParameterSpec;
import io.devenv.profile.Profile;
import io.devenv.profile.SecretSpec;
import io.devenv.profile.TableSpec;
import io.devenv.testing.AwsAssertions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * The data of a profile's resources read straight from the emulator, independently of the code
 * under test, in a form that compares byte for byte: objects with their bytes and headers, items
 * as DynamoDB JSON, secret and parameter values; and messages, which can only be read by taking
 * them, drained per queue (per group, in order, for FIFO queues).
 */
final class LiveState {
  private LiveState() {}

  /** Objects, items, secrets, parameters: everything that can be read without changing it. */
  static Map<String, Object> data(AwsClients aws, Profile profile) {
    Map<String, Object> state = new TreeMap<>();
    for (BucketSpec b : profile.aws().buckets()) {
      Map<String, String> objects = new TreeMap<>();
      aws.s3().listObjectsV2Paginator(r -> r.bucket(b.name())).contents().forEach(o -> {
        ResponseBytes<GetObjectResponse> got = aws.s3().getObjectAsBytes(r -> r.bucket(b.name()).key(o.key()));
        GetObjectResponse h = got.response();
        objects.put(o.key(), HexFormat.of().formatHex(io.devenv.checkpoint.Hashes.sha256().digest(got.asByteArray()))
            + " " + got.asByteArray().length + " type=" + h.contentType() + " meta=" + new TreeMap<>(h.metadata())
            + " cache=" + h.cacheControl() + " encoding=" + h.contentEncoding() + " disposition=" + h.contentDisposition());
      });
      state.put("bucket " + b.name(), objects);
    }
    for (TableSpec t : profile.aws().tables()) {
      List<String> items = new ArrayList<>();
      // An item past its TTL may be deleted by the emulator at any moment (MiniStack sweeps every 60 s): not compared.
      long now = java.time.Instant.now().getEpochSecond();
      aws.dynamo().scanPaginator(r -> r.tableName(t.name())).items().stream()
          .filter(i -> t.ttl() == null || i.get(t.ttl()) == null || i.get(t.ttl()).n() == null
              || new java.math.BigDecimal(i.get(t.ttl()).n()).longValue() > now)
          .forEach(i -> items.add(ItemJson.of(i).toString()));
      items.sort(null);
      state.put("table " + t.name(), items);
    }
    for (SecretSpec s : profile.aws().secrets()) {
      GetSecretValueResponse v = aws.secrets().getSecretValue(r -> r.secretId(s.name()));
      state.put("secret " + s.name(), v.secretString() != null ? "string:" + v.secretString()
          : "binary:" + Base64.getEncoder().encodeToString(v.secretBinary().asByteArray()));
    }
    for (ParameterSpec p : profile.aws().parameters()) {
      var v = aws.ssm().getParameter(r -> r.name(p.name()).withDecryption(true)).parameter();
      state.put("parameter " + p.name(), v.typeAsString() + ":" + v.value());
    }
    return state;
  }

  /**
   * Takes every message of every queue: per queue, per group (FIFO) the ordered list, else the
   * sorted list, each message as body, attributes with type and value, and group.
   */
  static Map<String, Map<String, List<String>>> drainMessages(AwsClients aws, Profile profile) {
    Map<String, Map<String, List<String>>> queues = new TreeMap<>();
    profile.aws().queues().forEach(q -> {
      String url = aws.sqs().getQueueUrl(r -> r.queueName(q.name())).queueUrl();
      Map<String, List<String>> groups = new TreeMap<>();
      for (Message m : AwsAssertions.drain(aws.sqs(), url, Duration.ofSeconds(60))) {
        String group = m.attributes().getOrDefault(MessageSystemAttributeName.MESSAGE_GROUP_ID, "");
        groups.computeIfAbsent(group, g -> new ArrayList<>()).add(describe(m));
      }
      if (!q.fifo()) {
        groups.values().forEach(l -> l.sort(null));
      }
      queues.put(q.name(), groups);
    });
    return queues;
  }

  static String describe(Message m) {
    Map<String, String> attributes = new TreeMap<>();
    m.messageAttributes().forEach((k, v) -> attributes.put(k, v.dataType() + "=" + (v.binaryValue() != null
        ? "b64:" + Base64.getEncoder().encodeToString(v.binaryValue().asByteArray()) : v.stringValue())));
    return m.body() + " " + attributes;
  }

  static int count(Map<String, Map<String, List<String>>> messages, String queue) {
    return messages.get(queue).values().stream().mapToInt(List::size).sum();
  }

  static Map<String, Integer> counts(Map<String, Map<String, List<String>>> messages) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    messages.keySet().forEach(q -> counts.put(q, count(messages, q)));
    return counts;
  }
}
