package io.devenv.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.devenv.core.DevenvException;
import io.devenv.profile.Profile;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeedPoolTest {
  @TempDir Path project;

  private Profile emulator(String preset) {
    return TestProfiles.parse(project, "name: pool\naws:\n  emulator: " + preset + "\n  queues: [{ name: q }]\n"
        + "kubernetes:\n  enabled: false\n");
  }

  @Test
  @DisplayName("each emulator gets the requests in flight it absorbs best: LocalStack 16, MiniStack 32")
  void perPreset() {
    assertThat(SeedPool.size(emulator("localstack"), Map.of())).isEqualTo(16);
    assertThat(SeedPool.size(emulator("ministack"), Map.of())).isEqualTo(32);
    assertThat(SeedPool.size(emulator("floci"), Map.of())).as("not measured: the former size").isEqualTo(32);
  }

  @Test
  @DisplayName("DEVENV_SEED_REQUESTS overrides the preset's size")
  void overridden() {
    assertThat(SeedPool.size(emulator("localstack"), Map.of(SeedPool.VARIABLE, "48"))).isEqualTo(48);
    assertThat(SeedPool.size(emulator("localstack"), Map.of(SeedPool.VARIABLE, " "))).as("blank is unset").isEqualTo(16);
  }

  @Test
  @DisplayName("a DEVENV_SEED_REQUESTS that is not 1 to 256 is a usage error naming the variable and the preset's size")
  void badOverride() {
    for (String bad : new String[] {"0", "many", "1000"}) {
      DevenvException e = catchThrowableOfType(DevenvException.class,
          () -> SeedPool.size(emulator("localstack"), Map.of(SeedPool.VARIABLE, bad)));
      assertThat(e.exitCode()).isEqualTo(2);
      assertThat(e.getMessage()).isEqualTo("DEVENV_SEED_REQUESTS=" + bad
          + " is not a number of requests from 1 to 256: unset it to use the localstack preset's 16");
    }
  }
}
