package io.devenv.doctor;

/** devenv needs Java 17 or later. */
final class JavaCheck implements Check {
  static final int MINIMUM = 17;

  @Override
  public String name() {
    return "Java";
  }

  @Override
  public CheckResult run(DoctorContext context) {
    Runtime.Version version = Runtime.version();
    String detail = "Java " + version + " (" + System.getProperty("java.vendor", "unknown vendor") + ")";
    return version.feature() >= MINIMUM ? CheckResult.ok(name(), detail)
        : CheckResult.fail(name(), detail + " is older than " + MINIMUM,
            "install JDK " + MINIMUM + " or later and put it first on PATH (or set JAVA_HOME)");
  }
}
