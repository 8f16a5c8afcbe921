package io.devenv.doctor;

import io.devenv.core.ExitCode;
import io.devenv.doctor.CheckResult.Level;
import java.util.List;

/** Every check's result, in order. */
public record DoctorReport(List<CheckResult> results) {

  public DoctorReport {
    results = List.copyOf(results);
  }

  public Level worst() {
    return results.stream().map(CheckResult::level).max(Enum::compareTo).orElse(Level.OK);
  }

  /** 0 unless a check failed (warnings do not fail onboarding). */
  public int exitCode() {
    return worst() == Level.FAIL ? ExitCode.FAILURE : ExitCode.OK;
  }

  /** One line per check, then a one-line verdict. */
  public String render() {
    StringBuilder out = new StringBuilder();
    results.forEach(r -> out.append(r.line()).append('\n'));
    long failed = results.stream().filter(r -> r.level() == Level.FAIL).count();
    long warned = results.stream().filter(r -> r.level() == Level.WARN).count();
    out.append(failed == 0 ? (warned == 0 ? "Ready for devenv up." : "Ready for devenv up, with " + warned + " warning(s).")
        : failed + " problem(s) to fix before devenv up.").append('\n');
    return out.toString();
  }
}
