package io.devenv.seed;

import static org.assertj.core.api.Assertions.assertThat;

import io.devenv.aws.AwsClients;
import io.devenv.aws.AwsProvisioner;
import io.devenv.aws.ProvisionReport;
import io.devenv.aws.ResourceResult;
import io.devenv.core.Progress;
import io.devenv.environment.AwsAccess;
import io.devenv.profile.Profile;
import io.devenv.profile.ProfileLoader;
import io.devenv.testing.MiniStackProcess;
import io.devenv.testing.TestProfiles;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** profiles/aws-only.yaml, loaded from its file, provisioned and seeded twice against MiniStack. */
class AwsOnlyProfileTest {
  @RegisterExtension
  static final MiniStackProcess ministack = new MiniStackProcess();

  @Test
  @DisplayName("the aws-only profile provisions and seeds, and a second run says everything is up to date")
  void awsOnlyProfileConverges() {
    // Given the platform's profile as a user would run it (region eu-west-3)
    Profile profile = ProfileLoader.load(TestProfiles.projectRoot().resolve("profiles/aws-only.yaml"));
    AwsAccess access = AwsAccess.local(ministack.endpoint(), profile.aws().region());
    SeedCounts counts = SeedCounts.of(profile.seed());
    StringWriter out = new StringWriter();

    try (AwsClients aws = new AwsClients(access)) {
      // When it runs twice
      ProvisionReport first = new AwsProvisioner(aws, Progress.SILENT).provision(profile);
      SeedReport firstSeed = new Seeder(aws, Progress.SILENT).seed(profile, false);
      ProvisionReport second = new AwsProvisioner(aws, Progress.to(new PrintWriter(out))).provision(profile);
      SeedReport secondSeed = new Seeder(aws, Progress.to(new PrintWriter(out))).seed(profile, false);
      System.out.print(out);

      // Then the first created and loaded everything, the second changed nothing and said so
      assertThat(first.total().created()).as("created").isEqualTo(profile.aws().resourceCount());
      assertThat(firstSeed.loaded()).as("loaded").isEqualTo(counts.objects() + counts.items() + counts.messages());
      assertThat(second.results()).extracting(ResourceResult::outcome).as("second provisioning")
          .containsOnly(ResourceResult.Outcome.UP_TO_DATE);
      assertThat(second.summary()).as("summary").isEqualTo(profile.aws().resourceCount() + " up to date");
      assertThat(secondSeed.loaded()).as("loaded again").isZero();
      assertThat(out.toString()).as("progress").contains("up to date", "0 uploaded, " + counts.objects() + " unchanged");
    }
  }
}
