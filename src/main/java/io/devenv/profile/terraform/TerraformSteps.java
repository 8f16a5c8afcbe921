package io.devenv.profile.terraform;

import io.devenv.core.PlannedStep;
import io.devenv.profile.Profile;
import java.util.List;

/** The step plan lists and up reports for what the profile's Terraform declares and devenv does not create. */
public final class TerraformSteps {

  private TerraformSteps() {}

  /** "not emulated: 4 Terraform resources", one detail per resource ("aws_iam_role.thumbnailer (main.tf:98)"); none when all are emulated. */
  public static List<PlannedStep> of(Profile profile) {
    List<NotEmulated> missing = TerraformImport.notEmulated(profile);
    if (missing.isEmpty()) {
      return List.of();
    }
    return List.of(new PlannedStep("aws", "not emulated:", missing.size() + " Terraform resource" + (missing.size() == 1 ? "" : "s"),
        missing.stream().map(NotEmulated::toString).toList()));
  }
}
