package io.devenv.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The statements of an SQS queue policy that let an S3 bucket or an SNS topic send to it. Each
 * statement has a Sid of its own ("devenv-s3-BUCKET", "devenv-sns-TOPIC"), so devenv can add its
 * statements to a policy someone else wrote and recognise them later without touching the rest.
 */
final class QueuePolicy {
  private static final ObjectMapper JSON = new ObjectMapper();

  private QueuePolicy() {}

  /** A source allowed to send to a queue. */
  record Grant(String sid, String service, String sourceArn) {
    static Grant bucket(String bucket) {
      return new Grant("devenv-s3-" + bucket, "s3.amazonaws.com", "arn:aws:s3:::" + bucket);
    }

    static Grant topic(String topicArn, String topic) {
      return new Grant("devenv-sns-" + topic, "sns.amazonaws.com", topicArn);
    }
  }

  /**
   * The policy with every grant present: the existing policy, or null when it already holds them
   * all as devenv would write them.
   */
  static String merge(String existing, String queueArn, List<Grant> grants) {
    ObjectNode policy = parse(existing);
    ArrayNode statements = policy.withArrayProperty("Statement");
    boolean changed = false;
    for (Grant grant : grants) {
      ObjectNode wanted = statement(grant, queueArn);
      int index = indexOf(statements, grant.sid());
      if (index < 0) {
        statements.add(wanted);
        changed = true;
      } else if (!Objects.equals(statements.get(index), wanted)) {
        // The statement carries devenv's Sid, so it is devenv's to correct.
        statements.set(index, wanted);
        changed = true;
      }
    }
    if (!changed) {
      return null;
    }
    try {
      return JSON.writeValueAsString(policy);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a queue policy", e);
    }
  }

  private static ObjectNode parse(String existing) {
    if (existing != null && !existing.isBlank()) {
      try {
        JsonNode node = JSON.readTree(existing);
        if (node instanceof ObjectNode object) {
          if (object.has("Statement") && !object.get("Statement").isArray()) {
            // A single statement may be written as an object; make it a list to add to it.
            ArrayNode list = JSON.createArrayNode().add(object.get("Statement"));
            object.set("Statement", list);
          }
          return object;
        }
      } catch (JsonProcessingException e) {
        // An unreadable policy cannot grant anything; replace it with a valid one below.
      }
    }
    ObjectNode policy = JSON.createObjectNode();
    policy.put("Version", "2012-10-17");
    policy.putArray("Statement");
    return policy;
  }

  private static int indexOf(ArrayNode statements, String sid) {
    for (int i = 0; i < statements.size(); i++) {
      if (sid.equals(statements.get(i).path("Sid").asText(null))) {
        return i;
      }
    }
    return -1;
  }

  private static ObjectNode statement(Grant grant, String queueArn) {
    ObjectNode s = JSON.createObjectNode();
    s.put("Sid", grant.sid());
    s.put("Effect", "Allow");
    s.putObject("Principal").put("Service", grant.service());
    s.put("Action", "sqs:SendMessage");
    s.put("Resource", queueArn);
    s.putObject("Condition").putObject("ArnEquals").put("aws:SourceArn", grant.sourceArn());
    return s;
  }

  /** The Sids of the statements of a policy, for tests and reports. */
  static List<String> sids(String policy) {
    List<String> sids = new ArrayList<>();
    parse(policy).withArrayProperty("Statement").forEach(s -> sids.add(s.path("Sid").asText()));
    return sids;
  }
}
