package io.devenv.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a key left out becomes (the @Default annotations, and defaults that depend on other keys). */
class ProfileDefaultsTest {

  @TempDir Path dir;

  @Test
  @DisplayName("a profile that leaves everything out gets the documented defaults")
  void sectionDefaults() {
    // Given a profile with one empty map and nothing else
    Profile p = new ProfileFiles(dir).load("my-env.yaml", "aws: {}\n");

    // Then every section exists with its defaults
    assertThat(p.name()).as("the file name without .yaml").isEqualTo("my-env");
    assertThat(p.aws().emulator()).isEqualTo(AwsSpec.Emulator.LOCALSTACK);
    assertThat(p.aws().region()).isEqualTo("us-east-1");
    assertThat(p.aws().image()).as("the preset pins it in code").isNull();
    assertThat(p.aws().isEmpty()).isTrue();
    assertThat(p.kubernetes().enabled()).isTrue();
    assertThat(p.kubernetes().namespace()).isEqualTo("default");
    assertThat(p.kubernetes().waitTimeout()).isEqualTo(Duration.ofSeconds(180));
    assertThat(p.kubernetes().manifests()).isEmpty();
    assertThat(p.seed().buckets()).isEmpty();
    assertThat(p.extendsFiles()).isEmpty();
    assertThat(p.variables()).isEmpty();
    assertThat(p.file()).isEqualTo(dir.resolve("my-env.yaml").toAbsolutePath());
  }

  @Test
  @DisplayName("resources get their defaults: maxReceiveCount 5, projection ALL, key type S, default S3 events...")
  void resourceDefaults() {
    // Given resources that name only what is required
    new ProfileFiles(dir).write("jobs.ndjson", "");
    Profile p = new ProfileFiles(dir).load("app.yml", """
        aws:
          buckets: [{ name: images, notifications: [{ queue: jobs }] }]
          queues: [{ name: jobs, deadLetter: { queue: jobs-dlq } }, { name: jobs-dlq }]
          topics: [{ name: events, subscriptions: [{ queue: jobs }] }]
          tables:
            - name: prefs
              partitionKey: { name: id }
              indexes: [{ name: by-key, partitionKey: { name: key } }]
          streams: [{ name: clicks }]
          parameters: [{ name: /app/size, value: "1" }]
        kubernetes:
          namespace: vod
          portForwards: [{ service: api, port: 80 }]
        """);

    // Then the defaults of each record are filled in
    assertThat(p.name()).as(".yml is stripped too").isEqualTo("app");
    QueueSpec jobs = p.aws().queues().get(0);
    assertThat(jobs.deadLetter().maxReceiveCount()).isEqualTo(5);
    assertThat(jobs.fifo()).isFalse();
    assertThat(jobs.visibilityTimeout()).as("absent: the service's own default").isNull();
    assertThat(p.aws().buckets().get(0).versioning()).isFalse();
    assertThat(p.aws().buckets().get(0).notifications().get(0).events()).containsExactly("s3:ObjectCreated:*");
    assertThat(p.aws().topics().get(0).subscriptions().get(0).rawDelivery()).isFalse();
    TableSpec table = p.aws().tables().get(0);
    assertThat(table.partitionKey().type()).isEqualTo(TableSpec.AttributeType.S);
    assertThat(table.indexes().get(0).projection()).isEqualTo(TableSpec.Projection.ALL);
    assertThat(table.stream()).isNull();
    assertThat(p.aws().streams().get(0).shards()).isEqualTo(1);
    assertThat(p.aws().parameters().get(0).type()).isEqualTo(ParameterSpec.Type.String);
    KubernetesSpec.PortForward forward = p.kubernetes().portForwards().get(0);
    assertThat(forward.localPort()).as("0: pick a free port").isZero();
    assertThat(forward.namespace()).as("kubernetes.namespace").isEqualTo("vod");
  }

  @Test
  @DisplayName("seeds default their prefix to the bucket's root and their namespace to kubernetes.namespace")
  void seedDefaults() {
    ProfileFiles files = new ProfileFiles(dir);
    files.directory("objects");
    files.directory("config");
    Profile p = files.load("app.yaml", """
        aws: { buckets: [{ name: images }] }
        kubernetes: { namespace: vod }
        seed:
          buckets: [{ bucket: images, from: objects }]
          configMaps: [{ name: app-config, from: config }, { name: other, namespace: tools, from: config }]
        """);

    assertThat(p.seed().buckets().get(0).prefix()).isEmpty();
    assertThat(p.seed().configMaps()).extracting(SeedSpec.ConfigMapSeed::namespace).containsExactly("vod", "tools");
  }

  @Test
  @DisplayName("durations read as seconds, or with a unit: ms, s, m, h")
  void durations() {
    ProfileFiles files = new ProfileFiles(dir);
    assertThat(files.load("a.yaml", "kubernetes: { waitTimeout: 90 }\n").kubernetes().waitTimeout()).hasSeconds(90);
    assertThat(files.load("b.yaml", "kubernetes: { waitTimeout: 1500ms }\n").kubernetes().waitTimeout()).hasMillis(1500);
    assertThat(files.load("c.yaml", "kubernetes: { waitTimeout: 5m }\n").kubernetes().waitTimeout()).hasMinutes(5);
    assertThat(files.load("d.yaml", "kubernetes: { waitTimeout: 1h }\n").kubernetes().waitTimeout()).hasHours(1);
  }
}
