package io.devenv.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.devenv.core.DevenvException;
import io.devenv.profile.Profile;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExternalEngineTest {
  @TempDir Path dir;

  private Profile withoutAwsResources() {
    return TestProfiles.parse(dir, "name: no-aws\nkubernetes:\n  enabled: false\n");
  }

  @Test
  @DisplayName("An endpoint given to a profile without AWS resources still passes the guard")
  void guardRunsWithoutResources() {
    var options = new EngineChoice(EngineKind.EXTERNAL, URI.create("http://10.1.2.3:4566"), false, null, null);
    DevenvException e = catchThrowableOfType(DevenvException.class,
        () -> new ExternalEngine(Map.of(), options).attach(withoutAwsResources(), dir));
    assertThat(e).as("the guard refused the remote endpoint").isNotNull();
    assertThat(e.getMessage()).contains("is not on this machine");
  }
}
