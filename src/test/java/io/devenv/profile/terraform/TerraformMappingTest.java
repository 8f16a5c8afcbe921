package io.devenv.profile.terraform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devenv.profile.BucketSpec;
import io.devenv.profile.ParameterSpec;
import io.devenv.profile.QueueSpec;
import io.devenv.profile.SecretSpec;
import io.devenv.profile.TableSpec;
import io.devenv.profile.TopicSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each supported resource type and argument, mapped to the profile's records. */
class TerraformMappingTest {

  @TempDir
  Path dir;

  @Test
  @DisplayName("aws_s3_bucket with _versioning, _cors_configuration and _notification becomes one bucket")
  void bucket() {
    var r = Tf.read(dir, """
        resource "aws_s3_bucket" "b" {
          bucket = "media"
        }
        resource "aws_s3_bucket_versioning" "b" {
          bucket = aws_s3_bucket.b.id
          versioning_configuration {
            status = "Enabled"
          }
        }
        resource "aws_s3_bucket_cors_configuration" "b" {
          bucket = aws_s3_bucket.b.bucket
          cors_rule {
            allowed_methods = ["GET"]
            allowed_origins = ["*"]
            allowed_headers = ["Authorization"]
            expose_headers  = ["ETag"]
            max_age_seconds = 60
          }
        }
        resource "aws_sqs_queue" "q" {
          name = "uploads"
        }
        resource "aws_s3_bucket_notification" "b" {
          bucket = aws_s3_bucket.b.id
          queue {
            queue_arn     = aws_sqs_queue.q.arn
            events        = ["s3:ObjectCreated:Put"]
            filter_prefix = "in/"
            filter_suffix = ".png"
          }
        }
        """);

    BucketSpec b = r.buckets().get(0);
    assertThat(b.name()).isEqualTo("media");
    assertThat(b.versioning()).as("versioning_configuration status Enabled").isTrue();
    assertThat(b.cors()).containsExactly(new BucketSpec.CorsRule(List.of("GET"), List.of("*"), List.of("Authorization"),
        List.of("ETag"), 60));
    assertThat(b.notifications()).containsExactly(new BucketSpec.Notification("uploads", List.of("s3:ObjectCreated:Put"),
        "in/", ".png"));
    assertThat(b.origin().line()).as("the resource block's line").isEqualTo(1);
  }

  @Test
  @DisplayName("the AWS provider v3 inline versioning and cors_rule of aws_s3_bucket are read; topic and Lambda notifications are not emulated")
  void bucketInlineAndOtherNotifications() {
    var r = Tf.read(dir, """
        resource "aws_s3_bucket" "b" {
          bucket = "legacy"
          versioning {
            enabled = true
          }
          cors_rule {
            allowed_methods = ["PUT"]
            allowed_origins = ["https://example.com"]
          }
        }
        resource "aws_s3_bucket_notification" "n" {
          bucket = aws_s3_bucket.b.id
          topic {
            topic_arn = "arn:aws:sns:eu-west-3:000000000000:t"
            events    = ["s3:ObjectRemoved:*"]
          }
        }
        """);
    BucketSpec b = r.buckets().get(0);
    assertThat(b.versioning()).isTrue();
    assertThat(b.cors()).containsExactly(new BucketSpec.CorsRule(List.of("PUT"), List.of("https://example.com"), List.of(),
        List.of(), null));
    assertThat(b.notifications()).isEmpty();
    assertThat(r.notEmulated()).extracting(NotEmulated::toString)
        .containsExactly("aws_s3_bucket_notification.n (topic notifications) (main.tf:11)");
  }

  @Test
  @DisplayName("a suspended versioning and a bucket with no sub-resources map to no versioning, CORS or notification")
  void bucketDefaults() {
    var r = Tf.read(dir, """
        resource "aws_s3_bucket" "b" {
          bucket = "plain"
        }
        resource "aws_s3_bucket_versioning" "b" {
          bucket = aws_s3_bucket.b.id
          versioning_configuration {
            status = "Suspended"
          }
        }
        """);
    assertThat(r.buckets()).containsExactly(new BucketSpec(r.buckets().get(0).origin(), "plain", false, List.of(), List.of()));
  }

  @Test
  @DisplayName("aws_sqs_queue reads fifo_queue, content_based_deduplication, the timeouts and redrive_policy via jsonencode")
  void queue() {
    var r = Tf.read(dir, """
        resource "aws_sqs_queue" "dlq" {
          name       = "jobs-dlq.fifo"
          fifo_queue = true
        }
        resource "aws_sqs_queue" "jobs" {
          name                        = "jobs.fifo"
          fifo_queue                  = true
          content_based_deduplication = true
          visibility_timeout_seconds  = 45
          delay_seconds               = 2
          message_retention_seconds   = 3600
          redrive_policy = jsonencode({
            deadLetterTargetArn = aws_sqs_queue.dlq.arn
            maxReceiveCount     = 7
          })
        }
        """);
    assertThat(r.queues()).extracting(QueueSpec::name).containsExactly("jobs-dlq.fifo", "jobs.fifo");
    QueueSpec jobs = r.queues().get(1);
    assertThat(jobs.fifo()).isTrue();
    assertThat(jobs.contentBasedDeduplication()).isTrue();
    assertThat(jobs.visibilityTimeout()).isEqualTo(45);
    assertThat(jobs.delaySeconds()).isEqualTo(2);
    assertThat(jobs.messageRetentionPeriod()).isEqualTo(3600);
    assertThat(jobs.deadLetter()).isEqualTo(new QueueSpec.DeadLetter("jobs-dlq.fifo", 7));
    assertThat(r.queues().get(0).contentBasedDeduplication()).as("absent means false").isFalse();
  }

  @Test
  @DisplayName("a redrive_policy written as a JSON string, naming the queue by URL, is read too")
  void redriveAsString() {
    var r = Tf.read(dir, """
        resource "aws_sqs_queue" "jobs" {
          name           = "jobs"
          redrive_policy = "{\\"deadLetterTargetArn\\":\\"arn:aws:sqs:eu-west-3:000000000000:dead\\",\\"maxReceiveCount\\":2}"
        }
        """);
    assertThat(r.queues().get(0).deadLetter()).isEqualTo(new QueueSpec.DeadLetter("dead", 2));
  }

  @Test
  @DisplayName("aws_sns_topic_subscription: raw_message_delivery and filter_policy on sqs; other protocols are not emulated")
  void topic() {
    var r = Tf.read(dir, """
        resource "aws_sns_topic" "t" {
          name = "events"
        }
        resource "aws_sqs_queue" "q" {
          name = "played"
        }
        resource "aws_sns_topic_subscription" "s" {
          topic_arn            = aws_sns_topic.t.arn
          protocol             = "sqs"
          endpoint             = aws_sqs_queue.q.arn
          raw_message_delivery = true
          filter_policy        = jsonencode({ type = ["play"], minutes = [{ numeric = [">", 5] }] })
        }
        resource "aws_sns_topic_subscription" "mail" {
          topic_arn = aws_sns_topic.t.id
          protocol  = "email"
          endpoint  = "ops@example.com"
        }
        """);
    TopicSpec t = r.topics().get(0);
    assertThat(t.name()).isEqualTo("events");
    assertThat(t.subscriptions()).hasSize(1);
    TopicSpec.Subscription s = t.subscriptions().get(0);
    assertThat(s.queue()).isEqualTo("played");
    assertThat(s.rawDelivery()).isTrue();
    assertThat(s.filterPolicy()).isEqualTo(Map.of("minutes", List.of(Map.of("numeric", List.of(">", 5))), "type", List.of("play")));
    assertThat(r.notEmulated()).extracting(NotEmulated::toString).containsExactly("aws_sns_topic_subscription.mail (protocol email) (main.tf:14)");
  }

  @Test
  @DisplayName("aws_dynamodb_table: hash and range keys typed by attribute blocks, GSIs, TTL and the stream")
  void table() {
    var r = Tf.read(dir, """
        resource "aws_dynamodb_table" "t" {
          name      = "scores"
          hash_key  = "player"
          range_key = "at"
          attribute {
            name = "player"
            type = "S"
          }
          attribute {
            name = "at"
            type = "N"
          }
          attribute {
            name = "game"
            type = "B"
          }
          global_secondary_index {
            name            = "by-game"
            hash_key        = "game"
            range_key       = "at"
            projection_type = "KEYS_ONLY"
          }
          ttl {
            attribute_name = "expires"
            enabled        = true
          }
          stream_enabled   = true
          stream_view_type = "NEW_IMAGE"
        }
        resource "aws_dynamodb_table" "plain" {
          name     = "plain"
          hash_key = "id"
          attribute {
            name = "id"
            type = "S"
          }
          ttl {
            attribute_name = "gone"
            enabled        = false
          }
          stream_view_type = "KEYS_ONLY"
        }
        """);
    TableSpec t = r.tables().get(0);
    assertThat(t.partitionKey()).isEqualTo(new TableSpec.KeyAttribute("player", TableSpec.AttributeType.S));
    assertThat(t.sortKey()).isEqualTo(new TableSpec.KeyAttribute("at", TableSpec.AttributeType.N));
    assertThat(t.indexes()).containsExactly(new TableSpec.Index("by-key".replace("key", "game"),
        new TableSpec.KeyAttribute("game", TableSpec.AttributeType.B), new TableSpec.KeyAttribute("at", TableSpec.AttributeType.N),
        TableSpec.Projection.KEYS_ONLY));
    assertThat(t.ttl()).isEqualTo("expires");
    assertThat(t.stream()).isEqualTo(TableSpec.StreamView.NEW_IMAGE);
    TableSpec plain = r.tables().get(1);
    assertThat(plain.sortKey()).isNull();
    assertThat(plain.ttl()).as("ttl with enabled = false").isNull();
    assertThat(plain.stream()).as("a view type without stream_enabled").isNull();
  }

  @Test
  @DisplayName("aws_kinesis_stream reads name and shard_count (1 when absent)")
  void stream() {
    var r = Tf.read(dir, """
        resource "aws_kinesis_stream" "a" {
          name        = "clicks"
          shard_count = 3
        }
        resource "aws_kinesis_stream" "b" {
          name = "views"
          stream_mode_details {
            stream_mode = "ON_DEMAND"
          }
        }
        """);
    assertThat(r.streams()).extracting(s -> s.name() + "=" + s.shards()).containsExactly("clicks=3", "views=1");
  }

  @Test
  @DisplayName("aws_secretsmanager_secret takes its value from _version: a JSON object as a map, other text as is")
  void secrets() {
    Tf.write(dir, "key.pem", "-----BEGIN KEY-----\n");
    var r = Tf.read(dir, """
        resource "aws_secretsmanager_secret" "db" {
          name = "app/db"
        }
        resource "aws_secretsmanager_secret_version" "db" {
          secret_id     = aws_secretsmanager_secret.db.id
          secret_string = jsonencode({ user = "app", port = 5432 })
        }
        resource "aws_secretsmanager_secret" "key" {
          name = "app/key"
        }
        resource "aws_secretsmanager_secret_version" "key" {
          secret_id     = aws_secretsmanager_secret.key.arn
          secret_string = file("${path.module}/key.pem")
        }
        """);
    assertThat(r.secrets()).extracting(SecretSpec::name, SecretSpec::value).containsExactly(
        org.assertj.core.groups.Tuple.tuple("app/db", Map.of("port", 5432, "user", "app")),
        org.assertj.core.groups.Tuple.tuple("app/key", "-----BEGIN KEY-----\n"));
  }

  @Test
  @DisplayName("aws_ssm_parameter reads name, type and value (or insecure_value); String by default")
  void parameters() {
    var r = Tf.read(dir, """
        resource "aws_ssm_parameter" "a" {
          name  = "/app/size"
          value = 50
        }
        resource "aws_ssm_parameter" "b" {
          name  = "/app/key"
          type  = "SecureString"
          value = "k"
        }
        resource "aws_ssm_parameter" "c" {
          name           = "/app/hosts"
          type           = "StringList"
          insecure_value = "a,b"
        }
        """);
    assertThat(r.parameters()).extracting(p -> p.name() + " " + p.type() + " " + p.value())
        .containsExactly("/app/size String 50", "/app/key SecureString k", "/app/hosts StringList a,b");
    assertThat(r.parameters()).extracting(ParameterSpec::file).containsOnlyNulls();
  }

  @Test
  @DisplayName("a secret without a version is an error at its block: devenv needs the value")
  void secretWithoutValue() {
    assertThatThrownBy(() -> Tf.read(dir, """
        resource "aws_secretsmanager_secret" "db" {
          name = "app/db"
        }
        """)).isInstanceOfSatisfying(TerraformException.class, e -> {
          assertThat(e.origin().line()).isEqualTo(1);
          assertThat(e.getMessage()).contains("aws_secretsmanager_secret.db has no aws_secretsmanager_secret_version");
        });
  }

  @Test
  @DisplayName("a sub-resource for a bucket no aws_s3_bucket creates is an error naming the bucket")
  void orphanSubResource() {
    assertThatThrownBy(() -> Tf.read(dir, """
        resource "aws_s3_bucket_versioning" "x" {
          bucket = "elsewhere"
          versioning_configuration {
            status = "Enabled"
          }
        }
        """)).hasMessageContaining("aws_s3_bucket_versioning.x configures bucket 'elsewhere', which no aws_s3_bucket");
  }

  @Test
  @DisplayName("a key without an attribute block, an unknown attribute type or projection is an error at its line")
  void tableErrors() {
    assertThatThrownBy(() -> Tf.read(dir, """
        resource "aws_dynamodb_table" "t" {
          name     = "t1"
          hash_key = "id"
        }
        """)).isInstanceOfSatisfying(TerraformException.class, e -> {
          assertThat(e.origin().line()).isEqualTo(3);
          assertThat(e.getMessage()).contains("key 'id' has no attribute block");
        });
    assertThatThrownBy(() -> Tf.read(dir, """
        resource "aws_dynamodb_table" "t" {
          name     = "t1"
          hash_key = "id"
          attribute {
            name = "id"
            type = "S"
          }
          global_secondary_index {
            name            = "g"
            hash_key        = "id"
            projection_type = "INCLUDE"
          }
        }
        """)).hasMessageContaining("projection_type INCLUDE is not supported by devenv (ALL or KEYS_ONLY)");
  }
}
