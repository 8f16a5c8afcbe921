package io.devenv.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every profile in profiles/ loads, and loads to the model recorded in
 * src/test/resources/profiles/golden/NAME.json: merges, defaults, resolved paths and the file and
 * line each value came from. After a deliberate change to a profile or to the loader, regenerate
 * with {@code mvn test -Dtest=SampleProfilesGoldenTest -Ddevenv.updateGolden=true} and review the diff.
 */
class SampleProfilesGoldenTest {

  static final Path PROFILES = Golden.PROJECT_ROOT.resolve("profiles");
  static final Path GOLDEN = Golden.PROFILES.resolve("golden");

  static Stream<String> profiles() throws IOException {
    try (Stream<Path> files = Files.list(PROFILES)) {
      return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".yaml")).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("profiles")
  @DisplayName("a sample profile loads to the model in its golden file")
  void loadsAsRecorded(String name) throws IOException {
    // Given a sample profile, and no environment (so ${VAR:-default} takes its default everywhere)
    Path file = PROFILES.resolve(name);

    // When it is loaded
    Profile profile = new ProfileLoader(Map.of()).loadFile(file);

    // Then its model is the recorded one
    String json = new ProfileJson(Golden.PROJECT_ROOT).write(profile);
    if (Golden.updating()) {
      Files.createDirectories(GOLDEN);
    }
    Golden.assertMatches(GOLDEN.resolve(name.replaceFirst("\\.yaml$", ".json")), json, "the model of " + name);
  }

  @Test
  @DisplayName("every golden model belongs to a profile in profiles/")
  void noStaleGoldenFiles() throws IOException {
    List<String> names = profiles().map(n -> n.replaceFirst("\\.yaml$", ".json")).toList();
    try (Stream<Path> files = Files.list(GOLDEN)) {
      assertThat(files.map(f -> f.getFileName().toString()).toList()).as("golden files").containsExactlyInAnyOrderElementsOf(names);
    }
  }

  @Test
  @DisplayName("the whole platform merges every app: resources from five files, manifests listed once")
  void defaultProfileMergesEveryApp() {
    Profile p = new ProfileLoader(Map.of()).loadFile(PROFILES.resolve("default.yaml"));

    assertThat(p.name()).isEqualTo("vod-platform");
    assertThat(p.aws().region()).as("from base.yaml, two levels up").isEqualTo("eu-west-3");
    assertThat(p.aws().queues()).extracting(QueueSpec::name)
        .as("in the order of the apps' Terraform: each directory's resources, then its modules'")
        .containsExactly("thumbnails-dlq", "thumbnails", "events", "events-audit", "orders-dlq.fifo", "orders.fifo");
    assertThat(p.aws().resourceCount()).isEqualTo(15);
    assertThat(p.aws().terraform()).as("merged by path from every app").hasSize(5);
    assertThat(p.kubernetes().manifests()).hasSize(3);
    assertThat(p.kubernetes().charts()).as("merged by release").extracting(ChartSpec::release)
        .containsExactly("events-collector", "time-api");
    assertThat(p.kubernetes().portForwards()).extracting(KubernetesSpec.PortForward::service)
        .containsExactly("events-collector", "user-preferences", "catalog-api", "time-api");
    assertThat(p.aws().secrets().get(0).value()).as("${DB_PASSWORD:-devpass} with no environment")
        .isEqualTo(Map.of("user", "catalog", "password", "devpass", "host", "catalog-db"));
  }
}
