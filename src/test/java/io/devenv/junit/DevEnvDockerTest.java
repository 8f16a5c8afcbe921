package io.devenv.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.devenv.engine.DockerEngine;
import io.devenv.engine.DockerRequirements;
import io.devenv.engine.Status;
import io.devenv.lifecycle.Up;
import io.devenv.lifecycle.UpOptions;
import io.devenv.lifecycle.UpResult;
import io.devenv.profile.Profile;
import io.devenv.profile.ProfileLoader;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The extension with the docker engine and the local MiniStack image: attach, or start and remove. */
@Tag("docker") // needs Docker: run by mvn verify, not by mvn test
class DevEnvDockerTest {

  private static final Path PROJECT = Path.of("").toAbsolutePath();
  private static final Path PROFILE = Path.of("src/test/resources/junit/docker.yaml");
  static final AtomicReference<Boolean> ATTACHED = new AtomicReference<>();
  static final AtomicReference<Integer> ITEMS = new AtomicReference<>();

  private Profile profile;

  @BeforeEach
  void requireDockerAndImage() {
    DockerRequirements.image(DockerRequirements.MINISTACK_IMAGE);
    profile = ProfileLoader.load(PROFILE);
    DockerEngine.connect().down(PROJECT, profile.name(), false);
    System.setProperty("devenv.report", "none");
    ATTACHED.set(null);
    ITEMS.set(null);
  }

  @AfterEach
  void removeWhatIsLeft() {
    System.clearProperty("devenv.report");
    DockerEngine.connect().down(PROJECT, profile.name(), false);
  }

  @Test
  @DisplayName("an environment already brought up by devenv up is used and left running")
  void attachesAndLeavesRunning() {
    // Given the environment is up, as after 'devenv up --detach'
    try (UpResult up = new Up(UpOptions.docker(PROJECT)).run(profile)) {
      String before = emulatorId();

      // When a test class runs against the same profile
      EngineExecutionResults results = EngineTestKit.engine("junit-jupiter").selectors(selectClass(UsesDocker.class)).execute();

      // Then it attached, saw the seed data, and left the same container running
      assertThat(results.testEvents().succeeded().count()).as("the class passed").isEqualTo(1);
      assertThat(ATTACHED.get()).as("the extension attached").isTrue();
      assertThat(ITEMS.get()).isEqualTo(40);
      assertThat(emulatorId()).as("the same container still runs after the run").isEqualTo(before);
    }
  }

  @Test
  @DisplayName("an environment the extension started is removed at the end of the run")
  void startsAndRemoves() {
    // Given nothing runs for the profile
    assertThat(status().isEmpty()).isTrue();

    // When a test class runs against it
    EngineExecutionResults results = EngineTestKit.engine("junit-jupiter").selectors(selectClass(UsesDocker.class)).execute();

    // Then it started one, used it, and nothing is left
    assertThat(results.testEvents().succeeded().count()).as("the class passed").isEqualTo(1);
    assertThat(ATTACHED.get()).as("the extension started it itself").isFalse();
    assertThat(ITEMS.get()).isEqualTo(40);
    assertThat(status().isEmpty()).as("containers and network removed at the end of the run").isTrue();
  }

  private Status status() {
    return DockerEngine.connect().status(PROJECT, profile.name());
  }

  private String emulatorId() {
    return status().container("aws").orElseThrow().id();
  }

  @DevEnv(profile = "src/test/resources/junit/docker.yaml")
  static class UsesDocker {
    @Test
    void readsTheSeed(DevEnvironment env, DynamoDbClient dynamo) {
      ATTACHED.set(env.attached());
      ITEMS.set(dynamo.scan(r -> r.tableName("junit-things")).count());
    }
  }
}
