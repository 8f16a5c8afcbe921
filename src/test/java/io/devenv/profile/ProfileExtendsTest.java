package io.devenv.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How {@code extends} merges profiles (PROFILE.md, "Merging with extends"). */
class ProfileExtendsTest {

  @TempDir Path dir;
  ProfileFiles files;

  @BeforeEach
  void setUp() {
    files = new ProfileFiles(dir);
  }

  @Test
  @DisplayName("maps merge key by key and the extending file wins")
  void mapsMergeKeyByKey() {
    // Given a base with two aws settings, and a profile that overrides one of them
    files.write("base.yaml", """
        aws:
          emulator: floci
          region: eu-west-3
        kubernetes:
          namespace: vod
          waitTimeout: 60s
        """);

    // When the profile is loaded
    Profile p = files.load("app.yaml", """
        extends: base.yaml
        aws:
          region: eu-west-1
        kubernetes:
          waitTimeout: 2m
        """);

    // Then the overridden keys come from the profile, the others from the base
    assertThat(p.aws().region()).as("the extending file wins").isEqualTo("eu-west-1");
    assertThat(p.aws().emulator()).as("a key only the base sets is kept").isEqualTo(AwsSpec.Emulator.FLOCI);
    assertThat(p.kubernetes().namespace()).isEqualTo("vod");
    assertThat(p.kubernetes().waitTimeout()).hasMinutes(2);
  }

  @Test
  @DisplayName("buckets, queues, topics, tables, streams, secrets and parameters merge by name")
  void namedAwsListsMergeByName() {
    // Given a base declaring one resource of each kind
    files.write("base.yaml", """
        aws:
          buckets:    [{ name: images, versioning: true }]
          queues:     [{ name: jobs, visibilityTimeout: 10, delaySeconds: 5 }]
          topics:     [{ name: events, subscriptions: [{ queue: jobs }] }]
          tables:     [{ name: prefs, partitionKey: { name: id }, ttl: expiresAt }]
          streams:    [{ name: clicks, shards: 2 }]
          secrets:    [{ name: db, value: base-secret }]
          parameters: [{ name: /app/size, value: "10", type: StringList }]
        """);

    // When a profile re-declares each by name, changing one key, and adds one more queue
    Profile p = files.load("app.yaml", """
        extends: base.yaml
        aws:
          buckets:    [{ name: images, versioning: false }]
          queues:     [{ name: jobs, visibilityTimeout: 20 }, { name: more }]
          topics:     [{ name: events, subscriptions: [{ queue: more }] }]
          tables:     [{ name: prefs, partitionKey: { name: id, type: N } }]
          streams:    [{ name: clicks, shards: 3 }]
          secrets:    [{ name: db, value: app-secret }]
          parameters: [{ name: /app/size, value: "20" }]
        """);

    // Then each resource is there once, with the profile's keys over the base's
    AwsSpec aws = p.aws();
    assertThat(aws.buckets()).singleElement().extracting(BucketSpec::versioning).isEqualTo(false);
    assertThat(aws.queues()).as("the base's queue merged, the new one appended")
        .extracting(QueueSpec::name, QueueSpec::visibilityTimeout, QueueSpec::delaySeconds)
        .containsExactly(tuple("jobs", 20, 5), tuple("more", null, null));
    assertThat(aws.topics()).singleElement().satisfies(t -> assertThat(t.subscriptions())
        .as("subscriptions is a plain list: replaced").extracting(TopicSpec.Subscription::queue).containsExactly("more"));
    assertThat(aws.tables()).singleElement().satisfies(t -> {
      assertThat(t.partitionKey().type()).isEqualTo(TableSpec.AttributeType.N);
      assertThat(t.ttl()).as("kept from the base").isEqualTo("expiresAt");
    });
    assertThat(aws.streams()).singleElement().extracting(StreamSpec::shards).isEqualTo(3);
    assertThat(aws.secrets()).singleElement().extracting(SecretSpec::value).isEqualTo("app-secret");
    assertThat(aws.parameters()).singleElement().satisfies(x -> {
      assertThat(x.value()).isEqualTo("20");
      assertThat(x.type()).as("kept from the base").isEqualTo(ParameterSpec.Type.StringList);
    });
  }

  @Test
  @DisplayName("port-forwards merge by service, seeds by their target")
  void portForwardsAndSeedsMergeByTarget() {
    // Given a base with a forward and one seed of each kind
    files.directory("objects");
    files.directory("more-objects");
    files.directory("config");
    files.write("items.json", "[]");
    files.write("other-items.json", "[]");
    files.write("jobs.ndjson", "");
    files.write("base.yaml", """
        aws:
          buckets: [{ name: images }]
          tables: [{ name: prefs, partitionKey: { name: id } }]
          queues: [{ name: jobs }]
        kubernetes:
          portForwards: [{ service: api, port: 8080 }]
        seed:
          buckets: [{ bucket: images, from: objects }]
          tables: [{ table: prefs, from: items.json }]
          queues: [{ queue: jobs, from: jobs.ndjson }]
          configMaps: [{ name: app-config, from: config }]
        """);

    // When a profile changes the forward's local port, replaces the table's seed, and seeds a new prefix
    Profile p = files.load("app.yaml", """
        extends: base.yaml
        kubernetes:
          portForwards: [{ service: api, localPort: 9090 }]
        seed:
          buckets: [{ bucket: images, from: more-objects, prefix: more/ }]
          tables: [{ table: prefs, from: other-items.json }]
        """);

    // Then the forward is one, merged; a bucket seed is identified by bucket and prefix
    assertThat(p.kubernetes().portForwards()).singleElement().satisfies(f -> {
      assertThat(f.port()).as("kept from the base").isEqualTo(8080);
      assertThat(f.localPort()).isEqualTo(9090);
    });
    assertThat(p.seed().buckets()).extracting(SeedSpec.BucketSeed::prefix, SeedSpec.BucketSeed::from)
        .containsExactly(tuple("", files.path("objects")), tuple("more/", files.path("more-objects")));
    assertThat(p.seed().tables()).singleElement().extracting(SeedSpec.TableSeed::from)
        .isEqualTo(files.path("other-items.json"));
    assertThat(p.seed().queues()).hasSize(1);
    assertThat(p.seed().configMaps()).hasSize(1);
  }

  @Test
  @DisplayName("other lists are replaced, not appended")
  void otherListsAreReplaced() {
    // Given a base with manifests, images and CORS rules
    files.directory("a");
    files.directory("b");
    files.directory("c");
    files.write("base.yaml", """
        aws:
          buckets:
            - name: images
              cors: [{ allowedMethods: [GET], allowedOrigins: ["*"] }, { allowedMethods: [PUT], allowedOrigins: [x] }]
        kubernetes:
          manifests: [a, b]
          images: [api:dev, worker:dev]
        """);

    // When a profile sets each list again
    Profile p = files.load("app.yaml", """
        extends: base.yaml
        aws:
          buckets:
            - name: images
              cors: [{ allowedMethods: [HEAD], allowedOrigins: ["*"] }]
        kubernetes:
          manifests: [c]
          images: [api:test]
        """);

    // Then only the profile's items remain
    assertThat(p.kubernetes().manifests()).containsExactly(files.path("c"));
    assertThat(p.kubernetes().images()).containsExactly("api:test");
    assertThat(p.aws().buckets().get(0).cors()).singleElement()
        .extracting(BucketSpec.CorsRule::allowedMethods).asList().containsExactly("HEAD");
  }

  @Test
  @DisplayName("a list of extends is applied in order: a later file wins over an earlier one, the profile over all")
  void listFormAppliedInOrder() {
    // Given two bases that both set the region and the namespace
    files.write("one.yaml", "aws: { region: eu-west-1 }\nkubernetes: { namespace: one, waitTimeout: 10s }\n");
    files.write("two.yaml", "aws: { region: eu-west-2 }\nkubernetes: { namespace: two }\n");

    // When a profile extends both and sets the namespace itself
    Profile p = files.load("app.yaml", "extends: [one.yaml, two.yaml]\nkubernetes: { namespace: app }\n");

    // Then the later base wins over the earlier one, the profile over both
    assertThat(p.aws().region()).isEqualTo("eu-west-2");
    assertThat(p.kubernetes().namespace()).isEqualTo("app");
    assertThat(p.kubernetes().waitTimeout()).as("only the first base sets it").hasSeconds(10);
    assertThat(p.extendsFiles()).as("extends as a list: resolved paths in order")
        .containsExactly(files.path("one.yaml"), files.path("two.yaml"));
  }

  @Test
  @DisplayName("extends also takes a single path")
  void singlePathExtends() {
    files.write("base.yaml", "aws: { region: eu-west-3 }\n");

    Profile p = files.load("app.yaml", "extends: base.yaml\n");

    assertThat(p.extendsFiles()).containsExactly(files.path("base.yaml"));
    assertThat(p.aws().region()).isEqualTo("eu-west-3");
  }

  @Test
  @DisplayName("name and description are not inherited")
  void nameAndDescriptionNotInherited() {
    // Given a base with a name and a description
    files.write("base.yaml", "name: base-name\ndescription: The base\naws: { region: eu-west-3 }\n");

    // When a profile without either extends it
    Profile p = files.load("my-app.yaml", "extends: base.yaml\n");

    // Then the name comes from the profile's own file, and there is no description
    assertThat(p.name()).isEqualTo("my-app");
    assertThat(p.description()).isNull();
    assertThat(p.aws().region()).isEqualTo("eu-west-3");
  }

  @Test
  @DisplayName("a path is relative to the file that contains it, also in a base in another directory")
  void pathsRelativeToTheirOwnFile() {
    // Given a base in shared/ naming files next to it, and a profile naming its own
    files.write("shared/keys/tls.pem", "key");
    files.directory("shared/k8s");
    files.directory("app/k8s");
    files.write("shared/base.yaml", """
        aws:
          secrets: [{ name: tls, file: keys/tls.pem }]
        kubernetes:
          manifests: [k8s]
        """);

    // When the profile in app/ extends it by a relative path and names its own manifests
    Profile p = files.load("app/app.yaml", """
        extends: ../shared/base.yaml
        kubernetes:
          manifests: [k8s, ../shared/k8s]
        """);

    // Then each path resolved from the directory of the file that wrote it
    assertThat(p.aws().secrets().get(0).file()).isEqualTo(files.path("shared/keys/tls.pem"));
    assertThat(p.kubernetes().manifests()).containsExactly(files.path("app/k8s"), files.path("shared/k8s"));
    assertThat(p.extendsFiles()).containsExactly(files.path("shared/base.yaml"));
  }

  @Test
  @DisplayName("a reference may name a resource declared in a base; problems in a base are reported at its lines")
  void referencesAcrossFiles() {
    // Given a base declaring the dead-letter queue, with a bad delay
    files.write("base.yaml", """
        aws:
          queues:
            - name: jobs-dlq
              delaySeconds: 1000
        """);

    // When a profile's queue names it as dead-letter queue
    files.write("app.yaml", """
        extends: base.yaml
        aws:
          queues:
            - { name: jobs, deadLetter: { queue: jobs-dlq } }
        """);

    // Then the reference holds, and the one problem points at the base's line
    assertThatThrownBy(() -> files.load("app.yaml")).isInstanceOfSatisfying(ProfileException.class, e ->
        assertThat(e.problems()).singleElement().satisfies(problem -> {
          assertThat(problem.origin().file()).isEqualTo(files.path("base.yaml"));
          assertThat(problem.origin().line()).isEqualTo(4);
          assertThat(problem.message()).contains("delaySeconds of queue 'jobs-dlq'");
        }));
  }

  @Test
  @DisplayName("two profiles extending the same base (a diamond) are not a cycle")
  void diamondIsNotACycle() {
    files.write("base.yaml", "kubernetes: { namespace: vod }\n");
    files.write("a.yaml", "extends: base.yaml\naws: { queues: [{ name: a }] }\n");
    files.write("b.yaml", "extends: base.yaml\naws: { queues: [{ name: b }] }\n");

    Profile p = files.load("all.yaml", "extends: [a.yaml, b.yaml]\n");

    assertThat(p.aws().queues()).extracting(QueueSpec::name).containsExactly("a", "b");
    assertThat(p.kubernetes().namespace()).isEqualTo("vod");
  }

  @Test
  @DisplayName("an empty key adds nothing: it does not erase what a base declares")
  void emptyKeyKeepsInherited() {
    files.write("base.yaml", "aws: { queues: [{ name: jobs }] }\nkubernetes: { namespace: vod }\n");

    Profile p = files.load("app.yaml", "extends: base.yaml\naws:\nkubernetes:\n  namespace:\n");

    assertThat(p.aws().queues()).extracting(QueueSpec::name).containsExactly("jobs");
    assertThat(p.kubernetes().namespace()).isEqualTo("vod");
  }

  @Test
  @DisplayName("a name written twice in one file is reported even when a base has the same list")
  void duplicateInOneFileStillReported() {
    files.write("base.yaml", "aws: { queues: [{ name: other }] }\n");
    files.write("app.yaml", "extends: base.yaml\naws:\n  queues:\n    - name: jobs\n    - name: jobs\n");

    assertThatThrownBy(() -> files.load("app.yaml")).isInstanceOfSatisfying(ProfileException.class, e ->
        assertThat(e.problems()).extracting(Problem::message)
            .containsExactly("queue 'jobs' is declared twice (first at line 4); keep one entry"));
  }
}
