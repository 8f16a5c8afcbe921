package io.devenv.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.localstack.LocalStackContainer;

@Tag("docker") // needs Docker: run by mvn verify, not by mvn test
class EmulatorContainerTest {
  @TempDir Path dir;

  @Test
  @DisplayName("The localstack preset is Testcontainers' LocalStack module, with the token passed through")
  void localstackUsesTheModule() {
    DockerRequirements.docker(); // the module asks Docker for its socket path when constructed
    var profile = TestProfiles.parse(dir, "name: t\naws:\n  image: localstack/localstack:4.15.0\n"
        + "  buckets: [{ name: some-bucket }]\nkubernetes:\n  enabled: false\n");
    EmulatorSettings settings = EmulatorSettings.of(profile, Map.of("LOCALSTACK_AUTH_TOKEN", "ls-token"));

    var container = EmulatorContainer.create(settings, Duration.ofSeconds(30));

    assertThat(container).isInstanceOf(LocalStackContainer.class);
    assertThat(container.getEnvMap()).containsEntry("LOCALSTACK_AUTH_TOKEN", "ls-token");
    assertThat(container.getExposedPorts()).containsExactly(4566);
  }

  @Test
  @DisplayName("Other presets are EmulatorContainers exposing the preset's port, on the preset's pinned image")
  void otherPresets() {
    var profile = TestProfiles.parse(dir, "name: t\naws:\n  emulator: floci\n  buckets: [{ name: some-bucket }]\n"
        + "kubernetes:\n  enabled: false\n");
    EmulatorSettings floci = EmulatorSettings.of(profile, Map.of());

    var container = EmulatorContainer.create(floci, Duration.ofSeconds(30));

    assertThat(container).isInstanceOf(EmulatorContainer.class);
    assertThat(EmulatorContainer.imageFor(floci).asCanonicalNameString()).isEqualTo("floci/floci:1.5.11");
    assertThat(container.getExposedPorts()).containsExactly(4566);
    assertThat(((EmulatorContainer) container).getSettings().init()).isEqualTo(InitCheck.FLOCI);
  }
}
