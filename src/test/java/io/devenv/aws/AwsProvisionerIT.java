package io.devenv.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.devenv.aws.ResourceResult.Outcome;
import io.devenv.core.Progress;
import io.devenv.profile.Profile;
import io.devenv.testing.MiniStackProcess;
import io.devenv.testing.TestProfiles;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AwsProvisionerIT {
  @RegisterExtension
  static final MiniStackProcess ministack = new MiniStackProcess();

  @Test
  @DisplayName("provisions the platform, then a second run reports everything up to date")
  void provisionsThenConverges() {
    Profile profile = TestProfiles.platform("smoke");
    try (AwsClients aws = new AwsClients(ministack.awsAccess())) {
      ProvisionReport first = new AwsProvisioner(aws, Progress.SILENT).provision(profile);
      System.out.println(first);
      ProvisionReport second = new AwsProvisioner(aws, Progress.SILENT).provision(profile);
      System.out.println(second);
      assertThat(first.total().created()).as("created on the first run").isEqualTo(profile.aws().resourceCount());
      assertThat(second.total().upToDate()).as("up to date on the second run").isEqualTo(profile.aws().resourceCount());
      assertThat(second.results()).extracting(ResourceResult::outcome).containsOnly(Outcome.UP_TO_DATE);
    }
  }
}
