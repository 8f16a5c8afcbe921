package io.devenv.doctor;

import java.util.ArrayList;
import java.util.List;

/** Runs the checks an onboarding session needs, each with a one-line fix. */
public final class Doctor {
  private final List<Check> checks;

  public Doctor(List<Check> checks) {
    this.checks = List.copyOf(checks);
  }

  /** Java, Docker, privileged containers, cgroups, ports, memory, disk, images, LocalStack token. */
  public static Doctor standard() {
    return new Doctor(List.of(
        new JavaCheck(),
        new DockerCheck(),
        new PrivilegedCheck(),
        new CgroupCheck(),
        new PortsCheck(),
        MemoryCheck.standard(),
        DiskCheck.standard(),
        new ImagesCheck(),
        new TokenCheck()));
  }

  public DoctorReport run(DoctorContext context) {
    List<CheckResult> results = new ArrayList<>();
    for (Check check : checks) {
      try {
        results.add(check.run(context));
      } catch (RuntimeException e) {
        results.add(CheckResult.warn(check.name(), "could not be checked: " + e.getMessage(),
            "run devenv doctor --verbose and report it"));
      }
    }
    return new DoctorReport(results);
  }

  public List<Check> checks() {
    return checks;
  }
}
