package io.devenv.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The example of PROFILE.md (the format's contract), copied to
 * src/test/resources/profiles/contract/profiles/example.yaml with the files it names stubbed,
 * loads: since unknown keys are errors, every key of the contract is a key of the model.
 */
class ContractExampleTest {

  static final Path CONTRACT = Golden.PROFILES.resolve("contract");
  static final Path EXAMPLE = CONTRACT.resolve("profiles/example.yaml");

  @Test
  @DisplayName("PROFILE.md's example loads, with every key it writes bound to the model")
  void exampleLoads() {
    // When the contract's example is loaded with no environment
    Profile p = new ProfileLoader(Map.of()).loadFile(EXAMPLE);

    // Then each section holds what the example wrote
    assertThat(p.name()).isEqualTo("vod-platform");
    assertThat(p.variables()).containsEntry("stage", "dev");
    AwsSpec aws = p.aws();
    assertThat(aws.emulator()).isEqualTo(AwsSpec.Emulator.LOCALSTACK);
    assertThat(aws.image()).isEqualTo("localstack/localstack:4.14.0");
    assertThat(aws.endpoint()).isEqualTo(URI.create("http://127.0.0.1:4566"));
    assertThat(aws.buckets().get(0).cors().get(0).maxAgeSeconds()).isEqualTo(3000);
    assertThat(aws.buckets().get(0).notifications().get(0).prefix()).isEqualTo("originals/");
    assertThat(aws.queues()).extracting(QueueSpec::name)
        .containsExactly("thumbnails", "thumbnails-dlq", "events", "orders.fifo");
    assertThat(aws.queues().get(3).contentBasedDeduplication()).isTrue();
    assertThat(aws.topics().get(0).subscriptions().get(0).filterPolicy())
        .isEqualTo(Map.of("type", List.of("play", "pause")));
    TableSpec table = aws.tables().get(0);
    assertThat(table.sortKey().name()).isEqualTo("key");
    assertThat(table.indexes().get(0).projection()).isEqualTo(TableSpec.Projection.ALL);
    assertThat(table.ttl()).isEqualTo("expiresAt");
    assertThat(table.stream()).isEqualTo(TableSpec.StreamView.NEW_AND_OLD_IMAGES);
    assertThat(aws.streams().get(0).shards()).isEqualTo(1);
    assertThat(aws.secrets().get(0).value()).isEqualTo(Map.of("user", "app", "password", "devpass"));
    assertThat(aws.secrets().get(1).file()).isEqualTo(CONTRACT.resolve("fixtures/catalog-api/secrets/key.pem"));
    assertThat(aws.parameters().get(1).type()).isEqualTo(ParameterSpec.Type.SecureString);
    KubernetesSpec k = p.kubernetes();
    assertThat(k.image()).isEqualTo("rancher/k3s:v1.33.5-k3s1");
    assertThat(k.namespace()).isEqualTo("vod");
    assertThat(k.images()).containsExactly("catalog-api:dev");
    assertThat(k.portForwards().get(0).localPort()).isEqualTo(8080);
    assertThat(k.waitTimeout()).isEqualTo(Duration.ofSeconds(180));
    assertThat(p.seed().buckets().get(0).prefix()).isEqualTo("originals/");
    assertThat(p.seed().configMaps().get(0).namespace()).isEqualTo("vod");
  }

  @Test
  @DisplayName("PROFILE.md's example loads to the model in contract/example.json")
  void exampleModel() {
    Profile p = new ProfileLoader(Map.of()).loadFile(EXAMPLE);

    Golden.assertMatches(CONTRACT.resolve("example.json"), new ProfileJson(CONTRACT).write(p), "the contract's model");
  }

  @Test
  @DisplayName("the same example with one key misspelled does not load: loading it proves every key is known")
  void exampleIsCheckedStrictly() throws IOException {
    String text = Files.readString(EXAMPLE).replace("visibilityTimeout: 30", "visibilityTimout: 30");

    assertThatThrownBy(() -> new ProfileLoader(Map.of()).loadContent(EXAMPLE, text.getBytes()))
        .isInstanceOfSatisfying(ProfileException.class, e -> assertThat(e.problems()).extracting(Problem::message)
            .containsExactly("unknown key 'visibilityTimout' in aws.queues[thumbnails] (did you mean 'visibilityTimeout'?)"));
  }
}
