package io.devenv.seed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.devenv.aws.AwsClients;
import io.devenv.aws.AwsProvisioner;
import io.devenv.core.DevenvException;
import io.devenv.core.ExitCode;
import io.devenv.core.Progress;
import io.devenv.profile.Profile;
import io.devenv.profile.ProfileLoader;
import io.devenv.testing.MiniStackProcess;
import io.devenv.testing.TestProfiles;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The emulator process stops after seeding began (it answered the reachability check): the run
 * says once that the emulator stopped answering, not that a seed file is wrong.
 */
class EmulatorGoneTest {

  @RegisterExtension
  static final MiniStackProcess ministack = new MiniStackProcess();

  @Test
  @DisplayName("the emulator stops mid-seed: one message naming the emulator and what to do, exit 1")
  void emulatorStopsMidSeed() {
    Profile profile = ProfileLoader.load(TestProfiles.projectRoot().resolve("profiles/aws-only.yaml"));
    List<String> failedSteps = new CopyOnWriteArrayList<>();
    AtomicBoolean stopped = new AtomicBoolean();
    // Stops the real process when the first seed step starts: after the checks, before any file is sent.
    Progress stopping = new Progress() {
      @Override
      public Step start(String what) {
        if (stopped.compareAndSet(false, true)) {
          ministack.stop();
        }
        return new Step() {
          @Override
          public void done(String outcome) {}

          @Override
          public void failed(String reason) {
            failedSteps.add(reason);
          }

          @Override
          public java.time.Duration elapsed() {
            return java.time.Duration.ZERO;
          }
        };
      }

      @Override
      public void info(String line) {}
    };
    try (AwsClients aws = AwsClients.of(ministack.endpoint(), profile.aws().region())) {
      new AwsProvisioner(aws, Progress.SILENT).provision(profile);

      DevenvException e = catchThrowableOfType(DevenvException.class,
          () -> new Seeder(aws, stopping).seed(profile, false));

      assertThat(stopped).as("the emulator was stopped during the seed").isTrue();
      assertThat(e).as("seeding against a stopped emulator fails").isNotNull();
      assertThat(e.exitCode()).isEqualTo(ExitCode.FAILURE);
      assertThat(e.getMessage())
          .contains("emulator at " + ministack.endpoint() + " stopped answering")
          .contains("devenv status").contains("devenv logs aws")
          .doesNotContain("seed file").doesNotContain("\n");
      assertThat(failedSteps).isNotEmpty()
          .allSatisfy(reason -> assertThat(reason).doesNotContain("seed file").contains("emulator stopped answering"));
    }
  }
}
