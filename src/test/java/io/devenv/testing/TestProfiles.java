package io.devenv.testing;

import io.devenv.profile.AwsSpec;
import io.devenv.profile.BucketSpec;
import io.devenv.profile.KubernetesSpec;
import io.devenv.profile.Origin;
import io.devenv.profile.ParameterSpec;
import io.devenv.profile.Profile;
import io.devenv.profile.QueueSpec;
import io.devenv.profile.SecretSpec;
import io.devenv.profile.SeedSpec;
import io.devenv.profile.StreamSpec;
import io.devenv.profile.TableSpec;
import io.devenv.profile.TableSpec.AttributeType;
import io.devenv.profile.TableSpec.KeyAttribute;
import io.devenv.profile.TopicSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Profiles built in code for tests of the AWS side, mirroring the sample platform under
 * {@code fixtures/} (used where a test must not depend on the YAML loader).
 */
public final class TestProfiles {
  private TestProfiles() {}

  /** The project's root directory, where {@code fixtures/} is. */
  public static Path projectRoot() {
    return Path.of(System.getProperty("devenv.projectRoot", ".")).toAbsolutePath().normalize();
  }

  public static Path fixtures() {
    return projectRoot().resolve("fixtures");
  }

  /** The whole sample platform's AWS side and seed data. */
  public static Profile platform(String name) {
    Path f = fixtures();
    AwsSpec aws = aws(
        List.of(new BucketSpec(Origin.NONE, "vod-images", true,
            List.of(new BucketSpec.CorsRule(List.of("GET", "PUT"), List.of("*"), List.of(), List.of(), 3000)),
            List.of(new BucketSpec.Notification("thumbnails", List.of("s3:ObjectCreated:*"), "uploads/", null)))),
        List.of(
            new QueueSpec(Origin.NONE, "thumbnails", 30, null, null, new QueueSpec.DeadLetter("thumbnails-dlq", 5), false, false),
            new QueueSpec(Origin.NONE, "thumbnails-dlq", null, null, 1209600, null, false, false),
            new QueueSpec(Origin.NONE, "orders.fifo", null, null, null, null, true, true),
            new QueueSpec(Origin.NONE, "events", 45, null, null, null, false, false)),
        List.of(new TopicSpec(Origin.NONE, "user-events", List.of(
            new TopicSpec.Subscription("events", true, Map.of("type", List.of("play", "pause")))))),
        List.of(
            new TableSpec(Origin.NONE, "user-preferences", key("userId", AttributeType.S), key("key", AttributeType.S),
                List.of(new TableSpec.Index("by-key", key("key", AttributeType.S), null, TableSpec.Projection.ALL)),
                "expiresAt", TableSpec.StreamView.NEW_AND_OLD_IMAGES),
            new TableSpec(Origin.NONE, "catalog", key("id", AttributeType.S), null, List.of(), null, null)),
        List.of(new StreamSpec(Origin.NONE, "player-events", 1)),
        List.of(
            new SecretSpec(Origin.NONE, "catalog/db", Map.of("user", "app", "password", "devpass"), null),
            new SecretSpec(Origin.NONE, "catalog/tls-key", null, f.resolve("catalog-api/secrets/key.pem"))),
        List.of(
            new ParameterSpec(Origin.NONE, "/vod/catalog/page-size", "50", null, ParameterSpec.Type.String),
            new ParameterSpec(Origin.NONE, "/vod/catalog/api-key", "dev-key", null, ParameterSpec.Type.SecureString)));
    SeedSpec seed = new SeedSpec(
        List.of(new SeedSpec.BucketSeed(Origin.NONE, "vod-images", f.resolve("images/seed/objects"), "")),
        List.of(
            new SeedSpec.TableSeed(Origin.NONE, "user-preferences", f.resolve("user-preferences/seed/items.ndjson")),
            new SeedSpec.TableSeed(Origin.NONE, "catalog", f.resolve("catalog-api/seed/catalog.json"))),
        List.of(
            new SeedSpec.QueueSeed(Origin.NONE, "thumbnails", f.resolve("images/seed/jobs.ndjson")),
            new SeedSpec.QueueSeed(Origin.NONE, "orders.fifo", f.resolve("events-collector/seed/orders.ndjson"))),
        List.of());
    return profile(name, aws, seed);
  }

  public static KeyAttribute key(String name, AttributeType type) {
    return new KeyAttribute(name, type);
  }

  public static AwsSpec aws(List<BucketSpec> buckets, List<QueueSpec> queues, List<TopicSpec> topics,
      List<TableSpec> tables, List<StreamSpec> streams, List<SecretSpec> secrets, List<ParameterSpec> parameters) {
    return new AwsSpec(Origin.NONE, AwsSpec.Emulator.MINISTACK, null, "us-east-1", null, null, null,
        buckets, queues, topics, tables, streams, secrets, parameters, List.of());
  }

  public static AwsSpec emptyAws() {
    return aws(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
  }

  public static SeedSpec emptySeed() {
    return new SeedSpec(List.of(), List.of(), List.of(), List.of());
  }

  public static Profile profile(String name, AwsSpec aws, SeedSpec seed) {
    return new Profile(Origin.NONE, name, "test profile", List.of(), Map.of(), aws,
        new KubernetesSpec(Origin.NONE, false, null, "default", List.of(), List.of(), List.of(), List.of(), Duration.ofSeconds(180), List.of(), null), seed);
  }
}
