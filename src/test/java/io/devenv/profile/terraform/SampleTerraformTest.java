package io.devenv.profile.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import io.devenv.profile.AwsSpec;
import io.devenv.profile.Origin;
import io.devenv.profile.Profile;
import io.devenv.profile.ProfileLoader;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The sample platform's Terraform declares what the hand-written profile declares. */
class SampleTerraformTest {

  private static final ProfileLoader LOADER = new ProfileLoader(Map.of());

  @Test
  @DisplayName("the apps' .cloud/terraform yields the same AWS records as the hand-written profile")
  void terraformMatchesHandwritten() {
    AwsSpec handwritten = LOADER.loadFile(Path.of("profiles/handwritten.yaml")).aws();
    AwsSpec fromTerraform = LOADER.loadFile(Path.of("profiles/default.yaml")).aws();

    assertThat(fromTerraform.terraform()).as("the platform profile reads Terraform").hasSize(5);
    assertThat(handwritten.terraform()).as("the hand-written profile reads none").isEmpty();
    assertThat(sorted(withoutOrigins(fromTerraform.queues()), "name"))
        .isEqualTo(sorted(withoutOrigins(handwritten.queues()), "name"));
    for (Function<AwsSpec, List<?>> kind : List.<Function<AwsSpec, List<?>>>of(AwsSpec::buckets, AwsSpec::topics,
        AwsSpec::tables, AwsSpec::streams, AwsSpec::parameters)) {
      assertThat(sorted(withoutOrigins(kind.apply(fromTerraform)), "name"))
          .isEqualTo(sorted(withoutOrigins(kind.apply(handwritten)), "name"));
    }
  }

  @Test
  @DisplayName("every Terraform-made record points at its .tf file and line")
  void originsAreTerraformLines() {
    Profile p = LOADER.loadFile(Path.of("profiles/images.yaml"));
    Origin bucket = p.aws().buckets().get(0).origin();
    assertThat(bucket.file().getFileName().toString()).isEqualTo("main.tf");
    assertThat(bucket.line()).as("resource \"aws_s3_bucket\" \"images\" is on line 24").isEqualTo(24);
  }

  @Test
  @DisplayName("IAM roles, policies, data sources, Lambda and e-mail subscriptions are listed as not emulated")
  void notEmulatedAreListed() {
    Profile p = LOADER.loadFile(Path.of("profiles/default.yaml"));
    List<String> listed = TerraformImport.notEmulated(p).stream().map(NotEmulated::toString).toList();
    assertThat(listed).contains("aws_iam_role.thumbnailer (main.tf:98)", "aws_iam_role_policy.thumbnailer (main.tf:104)",
        "aws_sqs_queue_policy.thumbnails (main.tf:67)", "data.aws_iam_policy_document.thumbnailer_assume (main.tf:92)",
        "aws_lambda_function.sessionizer (main.tf:66)", "aws_sns_topic_subscription.oncall (protocol email) (main.tf:45)",
        "aws_ecr_repository.time_api (main.tf:2)", "data.aws_route53_zone.vod (main.tf:7)");
  }

  static List<String> sorted(List<String> items, String key) {
    return items.stream().sorted(Comparator.naturalOrder()).toList();
  }

  /** Records printed without their origins (the only field that differs by design). */
  static List<String> withoutOrigins(List<?> records) {
    return records.stream().map(r -> r.toString().replaceAll("origin=[^,\\]]*(, )?", "")).toList();
  }
}
