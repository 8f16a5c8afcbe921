package io.devenv.doctor;

/** One thing an onboarding session trips over, checked before it does. */
public interface Check {
  /** What is checked, e.g. "Docker", "free memory". */
  String name();

  /** Runs the check; never throws for what it checks, it reports it. */
  CheckResult run(DoctorContext context);
}
