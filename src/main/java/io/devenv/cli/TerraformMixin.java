package io.devenv.cli;

import io.devenv.core.DevenvException;
import io.devenv.core.ExitCode;
import io.devenv.profile.Profile;
import io.devenv.profile.terraform.NotEmulated;
import io.devenv.profile.terraform.TerraformImport;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --strict}: what the profile's Terraform declares and devenv does not emulate is an error, not a notice. */
final class TerraformMixin {

  @Option(names = "--strict", description = "Fail when the profile's Terraform declares resources devenv does not emulate"
      + " (IAM, Lambda, data sources, remote modules...).")
  boolean strict;

  /**
   * Prints one "not emulated" line per such resource (or fails with --strict).
   *
   * @return what is not emulated, for callers that list it themselves
   */
  List<NotEmulated> check(Profile profile, PrintWriter err, boolean print) {
    List<NotEmulated> missing = TerraformImport.notEmulated(profile);
    if (strict && !missing.isEmpty()) {
      throw new DevenvException(ExitCode.INVALID_INPUT, missing.size() + " Terraform resource"
          + (missing.size() == 1 ? " is" : "s are") + " not emulated (--strict), first: " + missing.get(0),
          String.join("\n", missing.stream().map(m -> "  not emulated: " + m).toList()), null);
    }
    if (print) {
      missing.forEach(m -> err.println("not emulated: " + m));
      err.flush();
    }
    return missing;
  }
}
