package io.devenv.cli;

import io.devenv.doctor.Doctor;
import io.devenv.doctor.DoctorContext;
import io.devenv.doctor.DoctorReport;
import io.devenv.profile.Profile;
import io.devenv.profile.ProfileException;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code devenv doctor}: what this machine lacks for devenv up, each with its fix. */
@Command(name = "doctor", description = "Check this machine for devenv up: Java, Docker, privileges, cgroups, ports, memory, disk, images, token.")
final class DoctorCommand extends BaseCommand {

  @Override
  protected int execute(Context context) {
    Profile profile = null;
    try {
      profile = context.profile();
    } catch (ProfileException e) {
      context.err().println("note: " + e.getMessage() + " — checking for devenv's defaults instead");
    } catch (io.devenv.core.DevenvException noProfile) {
      // no profile here: the machine checks still apply
    }
    DoctorReport report = Doctor.standard().run(DoctorContext.of(profile, 0));
    if (context.json()) {
      context.printJson(Map.of("results", report.results(), "exitCode", report.exitCode()));
    } else {
      context.out().print(report.render());
    }
    return report.exitCode();
  }
}
