package io.devenv.cli;

import static io.devenv.cli.ProfileValidationCliTest.devenv;
import static org.assertj.core.api.Assertions.assertThat;

import io.devenv.cli.ProfileValidationCliTest.Run;
import io.devenv.core.ExitCode;
import io.devenv.profile.Golden;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** plan lists what the Terraform declares and devenv does not emulate; --strict fails; broken HCL is one located line. */
class TerraformCliTest {

  private static final String IMAGES = Golden.PROJECT_ROOT.resolve("profiles/images.yaml").toString();

  @Test
  @DisplayName("plan shows each Terraform resource's .tf line and lists the IAM role as not emulated")
  void planListsNotEmulated() {
    Run run = devenv("plan", "-p", IMAGES);

    assertThat(run.code()).as("stderr: %s", run.err()).isEqualTo(ExitCode.OK);
    assertThat(run.out()).containsPattern("· vod-images: from .*fixtures/images/\\.cloud/terraform/main\\.tf:24, versioning")
        .containsPattern("not emulated: +4 Terraform resources\\n(.*\\n)* +· aws_iam_role\\.thumbnailer \\(main\\.tf:98\\)\\n");
  }

  @Test
  @DisplayName("plan --strict fails with exit 2, naming every resource not emulated")
  void strictFails() {
    Run run = devenv("plan", "--strict", "-p", IMAGES);

    assertThat(run.code()).isEqualTo(ExitCode.INVALID_INPUT);
    assertThat(run.err()).startsWith("error: 4 Terraform resources are not emulated (--strict), first: ")
        .contains("  not emulated: aws_iam_role.thumbnailer (main.tf:98)").doesNotContain("\tat ");
  }

  @Test
  @DisplayName("validate on a profile whose Terraform does not parse: one line with the .tf file, line and column; exit 2")
  void brokenHcl(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("tf"));
    Files.writeString(dir.resolve("tf/main.tf"), "resource \"aws_sqs_queue\" \"q\" {\n  name = \"x\"\n  bad = = 1\n}\n");
    Files.writeString(dir.resolve("p.yaml"), "aws:\n  terraform:\n    - path: tf\n");

    Run run = devenv("validate", "-p", dir.resolve("p.yaml").toString());

    assertThat(run.code()).isEqualTo(ExitCode.INVALID_INPUT);
    assertThat(run.out() + run.err()).contains("main.tf:3:9: not valid HCL: illegal character '='").doesNotContain("\tat ");
  }
}
