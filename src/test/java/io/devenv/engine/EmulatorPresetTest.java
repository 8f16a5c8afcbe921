package io.devenv.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.devenv.core.DevenvException;
import io.devenv.core.ExitCode;
import io.devenv.profile.Profile;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmulatorPresetTest {
  @TempDir Path dir;

  private Profile localstack(String image, String resources) {
    return TestProfiles.parse(dir, "name: t\naws:\n  emulator: localstack\n"
        + (image == null ? "" : "  image: " + image + "\n") + resources + "kubernetes:\n  enabled: false\n");
  }

  private static final String BUCKET = "  buckets:\n    - name: some-bucket\n";

  @Test
  @DisplayName("The localstack preset pins 4.14.0 and needs no token for it")
  void pinnedLocalStackNeedsNoToken() {
    // Given a profile on the default localstack image and no token
    Profile profile = localstack(null, BUCKET);

    // Then the check passes and the pinned image is the last token-free one
    assertThatCode(() -> EmulatorPreset.check(profile, Map.of())).doesNotThrowAnyException();
    assertThat(EmulatorPreset.LOCALSTACK.defaultImage()).isEqualTo("localstack/localstack:4.14.0");
  }

  @Test
  @DisplayName("A LocalStack tag newer than 4.14.0 without LOCALSTACK_AUTH_TOKEN is refused, with the reason and the fixes")
  void newerTagWithoutTokenIsRefused() {
    // Given a newer tag and no token
    Profile profile = localstack("localstack/localstack:4.15.0", BUCKET);

    // When checked
    DevenvException e = catchThrowableOfType(DevenvException.class, () -> EmulatorPreset.check(profile, Map.of()));

    // Then it is refused as bad input, naming the image, the variable and the way out
    assertThat(e).as("refused").isNotNull();
    assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
    assertThat(e.getMessage())
        .contains("profile.yaml")
        .contains("localstack/localstack:4.15.0")
        .contains("LOCALSTACK_AUTH_TOKEN")
        .contains("4.14.0");
  }

  @Test
  @DisplayName("latest and localstack-pro count as needing a token; with a token set they pass")
  void latestAndProNeedTokenWhichPassesThrough() {
    Profile latest = localstack("localstack/localstack:latest", BUCKET);
    Profile pro = localstack("localstack/localstack-pro:3.0.0", BUCKET);

    assertThat(catchThrowableOfType(DevenvException.class, () -> EmulatorPreset.check(latest, Map.of())))
        .as("latest without token").isNotNull();
    assertThat(catchThrowableOfType(DevenvException.class, () -> EmulatorPreset.check(pro, Map.of())))
        .as("pro without token").isNotNull();
    assertThatCode(() -> EmulatorPreset.check(latest, Map.of("LOCALSTACK_AUTH_TOKEN", "ls-abc")))
        .as("latest with token").doesNotThrowAnyException();

    // And the token reaches the container's environment, but never its hash or toString
    EmulatorSettings with = EmulatorSettings.of(latest, Map.of("LOCALSTACK_AUTH_TOKEN", "ls-abc"));
    EmulatorSettings other = EmulatorSettings.of(latest, Map.of("LOCALSTACK_AUTH_TOKEN", "ls-xyz"));
    assertThat(with.env()).containsEntry("LOCALSTACK_AUTH_TOKEN", "ls-abc");
    assertThat(with.configHash()).as("a new token value needs no new container").isEqualTo(other.configHash());
    assertThat(with.toString()).doesNotContain("ls-abc");
  }

  @Test
  @DisplayName("A profile needing a service its preset lacks fails before starting, naming the service and who offers it")
  void missingServiceIsNamed() {
    // Given a preset that offers no DynamoDB, and a profile with a table
    EmulatorPreset noDynamo = new EmulatorPreset("tiny", "tiny/emu:1", 4566, "/health", InitCheck.NONE,
        EnumSet.of(AwsService.S3, AwsService.SQS), null, null, SeedPool.UNMEASURED);
    Profile profile = TestProfiles.parse(dir, "name: t\naws:\n  emulator: ministack\n  tables:\n"
        + "    - name: user-preferences\n      partitionKey: { name: userId, type: S }\n"
        + "kubernetes:\n  enabled: false\n");

    // When checked
    var problems = noDynamo.problems(profile, Map.of());

    // Then the problem names the table's line, the service, the preset and the presets offering it
    assertThat(problems).hasSize(1);
    assertThat(problems.get(0))
        .contains("table user-preferences (")
        .contains("profile.yaml:")
        .contains("needs dynamodb")
        .contains("tiny emulator")
        .contains("localstack, floci, ministack");
  }

  @Test
  @DisplayName("Every known preset offers every service the profile model uses")
  void knownPresetsOfferAllServices() {
    for (EmulatorPreset preset : EmulatorPreset.KNOWN) {
      assertThat(preset.services()).as(preset.name()).containsExactlyInAnyOrder(AwsService.values());
      assertThat(ImageTags.tag(preset.defaultImage())).as("%s is pinned to a version", preset.name()).matches("\\d+\\.\\d+\\.\\d+");
    }
  }

  @Test
  @DisplayName("A profile with no AWS resources starts no emulator, so nothing about the emulator is checked")
  void noAwsNoCheck() {
    Profile profile = localstack("localstack/localstack:latest", "");
    assertThat(EmulatorPreset.of(profile.aws()).problems(profile, Map.of())).isEmpty();
  }

  @Test
  @DisplayName("custom takes its image, port and health path from the profile; presets may be given another image")
  void customAndOverrides() {
    Profile custom = TestProfiles.parse(dir, "name: t\naws:\n  emulator: custom\n  image: my/emu:2\n  port: 5000\n"
        + "  healthPath: /ping\n" + BUCKET + "kubernetes:\n  enabled: false\n");
    EmulatorSettings s = EmulatorSettings.of(custom, Map.of());
    assertThat(s.image()).isEqualTo("my/emu:2");
    assertThat(s.port()).isEqualTo(5000);
    assertThat(s.healthPath()).isEqualTo("/ping");
    assertThat(s.init()).isEqualTo(InitCheck.NONE);

    Profile ministack = TestProfiles.ministack(dir, "t", "");
    EmulatorSettings m = EmulatorSettings.of(ministack, Map.of());
    assertThat(m.image()).isEqualTo(DockerRequirements.MINISTACK_IMAGE);
    assertThat(m.healthPath()).isEqualTo("/_ministack/health");
    assertThat(m.init()).isEqualTo(InitCheck.MINISTACK);
    assertThat(EmulatorContainer.imageFor(m).asCanonicalNameString())
        .as("an explicit image is accepted as the preset's substitute").contains("devenv-test/ministack");
  }

  @Test
  @DisplayName("The settings hash changes with what shapes the container and nothing else")
  void hashFollowsShape() {
    EmulatorSettings base = EmulatorSettings.of(TestProfiles.ministack(dir, "t", ""), Map.of());
    EmulatorSettings moreResources = EmulatorSettings.of(TestProfiles.ministack(dir, "t",
        "    - name: another-bucket\n"), Map.of());
    EmulatorSettings otherHealth = new EmulatorSettings(base.preset(), base.image(), base.port(), "/_localstack/health",
        base.init(), base.env());
    assertThat(moreResources.configHash()).as("resources do not shape the container").isEqualTo(base.configHash());
    assertThat(otherHealth.configHash()).as("the health path does").isNotEqualTo(base.configHash());
  }

  @Test
  @DisplayName("Init checks read LocalStack's and Floci's JSON and accept only a finished init")
  void initChecks() {
    assertThat(InitCheck.LOCALSTACK.isComplete("{\"completed\": true, \"scripts\": []}")).isTrue();
    assertThat(InitCheck.LOCALSTACK.isComplete("{\"completed\": false}")).isFalse();
    assertThat(InitCheck.FLOCI.isComplete("{\"completed\": {\"boot\": true, \"ready\": true}}")).isTrue();
    assertThat(InitCheck.FLOCI.isComplete("{\"completed\": {\"boot\": true, \"ready\": false}}")).isFalse();
    assertThat(InitCheck.LOCALSTACK.isComplete("not json")).isFalse();
  }
  @Test
  @DisplayName("Only an emulator that may load a kept state volume is assumed to: not MiniStack or LocalStack as devenv runs them")
  void restoresState() {
    assertThat(EmulatorPreset.MINISTACK.restoresState()).isFalse();
    assertThat(EmulatorPreset.LOCALSTACK.restoresState()).isFalse();
    assertThat(EmulatorPreset.FLOCI.restoresState()).as("not known: assumed").isTrue();
    assertThat(EmulatorPreset.custom(null, null).restoresState()).as("no state volume").isFalse();
  }
}
