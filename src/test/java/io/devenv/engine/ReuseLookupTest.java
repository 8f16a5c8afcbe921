package io.devenv.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devenv.core.DevenvException;
import io.devenv.core.Progress;
import io.devenv.environment.Environment;
import io.devenv.profile.Profile;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reuse lookup on a real Docker with the local MiniStack image, on reads made without
 * Testcontainers' discovery: it finds the running container the engine started, and
 * refuses (answers empty, changing nothing) whenever the full start has work to do.
 */
@Tag("docker") // needs Docker: run by mvn verify, not by mvn test
class ReuseLookupTest {
  @TempDir Path project;
  private DockerEngine engine;
  private DockerReads lookupClient;

  @BeforeEach
  void start() {
    DockerRequirements.image(DockerRequirements.MINISTACK_IMAGE);
    engine = DockerEngine.connect();
    lookupClient = DockerReads.on(URI.create(DockerAccess.host()));
  }

  @AfterEach
  void removeEverything() throws Exception {
    if (engine != null) {
      engine.down(project, null, true);
    }
    if (lookupClient != null) {
      lookupClient.close();
    }
  }

  private Optional<Environment> lookup(Profile profile) {
    try {
      return new ReuseLookup(lookupClient, Progress.SILENT).find(profile, options());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private EngineOptions options() {
    return EngineOptions.of(project).withStartupTimeout(Duration.ofSeconds(60));
  }

  @Test
  @DisplayName("finds the running emulator: the same endpoint and network address, and an instance that changes with a restart")
  void findsAndNamesTheInstance() {
    // Given an environment the full path started
    Profile profile = TestProfiles.ministack(project, "lookup", "");
    Environment started = engine.start(profile, options());

    // When the lookup runs
    Environment found = lookup(profile).orElseThrow(() -> new AssertionError("the running emulator was not found"));

    // Then it names the same emulator
    assertThat(found.aws().endpoint()).isEqualTo(started.aws().endpoint());
    assertThat(found.aws().networkAddress()).isEqualTo(started.aws().networkAddress());
    assertThat(found.aws().instance()).as("container id and start time").startsWith("docker ")
        .isEqualTo(started.aws().instance());

    // When the container is restarted (the emulator in it starts empty)
    String container = new EnvironmentId(project, "lookup").containerName(EnvironmentStarter.AWS);
    engine.docker().restartContainerCmd(container).withTimeout(5).exec();

    // Then the lookup still reuses it once it answers, but under another instance
    Optional<Environment> again = Optional.empty();
    for (int i = 0; i < 40 && again.isEmpty(); i++) {
      again = lookup(profile);
      sleep(250);
    }
    assertThat(again).as("found again after the restart").isPresent();
    assertThat(again.get().aws().instance()).as("a restarted emulator is another instance").isNotEqualTo(found.aws().instance());
  }

  @Test
  @DisplayName("refuses a stopped container, changed settings and a leftover container, and removes none of them")
  void refusesWhatTheFullPathMustChange() {
    Profile profile = TestProfiles.ministack(project, "refuse", "");
    engine.start(profile, options());
    EnvironmentId id = new EnvironmentId(project, "refuse");

    // Changed settings: the same image run as a custom emulator has another settings hash
    Profile changed = TestProfiles.parse(project, "name: refuse\naws:\n  emulator: custom\n  image: "
        + DockerRequirements.MINISTACK_IMAGE + "\n  healthPath: /_ministack/health\n  region: eu-west-3\n"
        + "  buckets:\n    - name: engine-test-bucket\nkubernetes:\n  enabled: false\n");
    assertThat(lookup(changed)).as("changed settings").isEmpty();
    assertThat(lookup(profile)).as("the original profile still finds it: nothing was removed").isPresent();

    // A leftover: a container with the environment's labels in a role the profile does not have
    Map<String, String> labels = new LinkedHashMap<>(id.labels());
    labels.put(Labels.ROLE, EnvironmentStarter.K3S);
    String leftover = engine.docker().createContainerCmd(DockerRequirements.MINISTACK_IMAGE).withLabels(labels).exec().getId();
    assertThat(lookup(profile)).as("a leftover to remove").isEmpty();
    assertThat(engine.docker().inspectContainerCmd(leftover).exec().getId()).as("the lookup removed nothing").isEqualTo(leftover);
    engine.docker().removeContainerCmd(leftover).withForce(true).exec();

    // A stopped container
    engine.docker().stopContainerCmd(id.containerName(EnvironmentStarter.AWS)).withTimeout(5).exec();
    assertThat(lookup(profile)).as("a stopped container").isEmpty();

    // And the full path then replaces it, after which the lookup finds the new one
    engine.start(profile, options());
    assertThat(lookup(profile)).as("found after the full path recreated it").isPresent();
  }

  @Test
  @DisplayName("a reused emulator whose image declares a service it lacks fails as start does, read from the container's labels")
  void imageServicesReadFromTheRunningContainer() {
    // Given an image that declares DynamoDB unavailable (the MiniStack image with the label) and an emulator of it running
    String base = engine.docker().createContainerCmd(DockerRequirements.MINISTACK_IMAGE).exec().getId();
    String image = "devenv-test/ministack-without-dynamodb:reuse-lookup-test";
    engine.docker().commitCmd(base).withRepository("devenv-test/ministack-without-dynamodb").withTag("reuse-lookup-test")
        .withLabels(Map.of(ImageServices.UNAVAILABLE, "dynamodb", ImageServices.REASON, "left out of this test image")).exec();
    engine.docker().removeContainerCmd(base).withForce(true).exec();
    try {
      String emulator = "name: labelled\naws:\n  emulator: ministack\n  image: " + image + "\n  region: eu-west-3\n";
      Profile withoutTables = TestProfiles.parse(project, emulator + "  buckets:\n    - name: engine-test-bucket\n"
          + "kubernetes:\n  enabled: false\n");
      engine.start(withoutTables, options());
      assertThat(lookup(withoutTables)).as("reused while the profile needs nothing the image lacks").isPresent();

      // When the profile now wants a table, which the image says it cannot serve
      Profile withTable = TestProfiles.parse(project, emulator + "  tables:\n    - name: engine-test-table\n"
          + "      partitionKey: { name: id, type: S }\nkubernetes:\n  enabled: false\n");

      // Then the lookup fails with start's message (exit 2), naming the table and the reason
      assertThatThrownBy(() -> lookup(withTable)).isInstanceOfSatisfying(DevenvException.class, e -> {
        assertThat(e.exitCode()).isEqualTo(2);
        assertThat(e.getMessage()).contains("engine-test-table", "dynamodb", image, "left out of this test image");
      });
    } finally {
      engine.down(project, null, true);
      engine.docker().removeImageCmd(image).withForce(true).exec();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
