package io.devenv.profile.terraform;

import java.util.Map;
import java.util.Set;

/**
 * The attributes AWS computes for the resources devenv emulates ({@code arn}, {@code id},
 * {@code url}...), made from their names the way AWS makes them, and the way back: the name in
 * an ARN, URL or id that another resource refers to.
 */
final class Identities {

  static final String ACCOUNT = "000000000000";

  static final Set<String> SUPPORTED = Set.of("aws_s3_bucket", "aws_s3_bucket_versioning",
      "aws_s3_bucket_cors_configuration", "aws_s3_bucket_notification", "aws_sqs_queue", "aws_sns_topic",
      "aws_sns_topic_subscription", "aws_dynamodb_table", "aws_kinesis_stream", "aws_secretsmanager_secret",
      "aws_secretsmanager_secret_version", "aws_ssm_parameter");

  /** The argument that names each kind of resource. */
  static final Map<String, String> NAME_ARGUMENT = Map.of("aws_s3_bucket", "bucket", "aws_sqs_queue", "name",
      "aws_sns_topic", "name", "aws_dynamodb_table", "name", "aws_kinesis_stream", "name",
      "aws_secretsmanager_secret", "name", "aws_ssm_parameter", "name");

  private Identities() {}

  /** A computed attribute of a named resource; null when the type computes no such attribute. */
  static String computed(String type, String attribute, String name, String region) {
    String arn = switch (type) {
      case "aws_s3_bucket" -> "arn:aws:s3:::" + name;
      case "aws_sqs_queue" -> "arn:aws:sqs:" + region + ":" + ACCOUNT + ":" + name;
      case "aws_sns_topic" -> "arn:aws:sns:" + region + ":" + ACCOUNT + ":" + name;
      case "aws_dynamodb_table" -> "arn:aws:dynamodb:" + region + ":" + ACCOUNT + ":table/" + name;
      case "aws_kinesis_stream" -> "arn:aws:kinesis:" + region + ":" + ACCOUNT + ":stream/" + name;
      case "aws_secretsmanager_secret" -> "arn:aws:secretsmanager:" + region + ":" + ACCOUNT + ":secret:" + name;
      case "aws_ssm_parameter" -> "arn:aws:ssm:" + region + ":" + ACCOUNT + ":parameter/" + name.replaceFirst("^/", "");
      default -> null;
    };
    String url = "https://sqs." + region + ".amazonaws.com/" + ACCOUNT + "/" + name;
    return switch (attribute) {
      case "arn" -> arn;
      case "name", "bucket" -> name;
      case "url" -> type.equals("aws_sqs_queue") ? url : null;
      case "id" -> switch (type) {
        case "aws_sqs_queue" -> url;
        case "aws_sns_topic", "aws_secretsmanager_secret" -> arn;
        default -> name;
      };
      case "stream_arn" -> type.equals("aws_dynamodb_table") ? arn + "/stream/devenv" : null;
      case "bucket_domain_name" -> type.equals("aws_s3_bucket") ? name + ".s3.amazonaws.com" : null;
      default -> null;
    };
  }

  /** The queue, topic or bucket name in an ARN, a queue URL, or a plain name. */
  static String name(String reference) {
    if (reference.startsWith("arn:aws:s3:::")) {
      return reference.substring("arn:aws:s3:::".length());
    }
    if (reference.startsWith("arn:")) {
      return reference.substring(reference.lastIndexOf(':') + 1);
    }
    if (reference.startsWith("https://") || reference.startsWith("http://")) {
      return reference.substring(reference.lastIndexOf('/') + 1);
    }
    return reference;
  }

  /** The secret name in a secret's ARN or id, or a plain name. */
  static String secretName(String reference) {
    int at = reference.indexOf(":secret:");
    return reference.startsWith("arn:") && at >= 0 ? reference.substring(at + ":secret:".length()) : reference;
  }
}
