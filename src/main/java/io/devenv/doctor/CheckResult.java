package io.devenv.doctor;

/**
 * What one doctor check found.
 *
 * @param name what was checked, e.g. "Docker"
 * @param level how it went
 * @param detail one line of what was found
 * @param fix one line saying what to do, or null when nothing needs doing
 */
public record CheckResult(String name, Level level, String detail, String fix) {

  /** Ordered from best to worst. */
  public enum Level {
    OK("✓"),
    SKIPPED("-"),
    WARN("!"),
    FAIL("✗");

    private final String mark;

    Level(String mark) {
      this.mark = mark;
    }

    public String mark() {
      return mark;
    }
  }

  public static CheckResult ok(String name, String detail) {
    return new CheckResult(name, Level.OK, detail, null);
  }

  public static CheckResult warn(String name, String detail, String fix) {
    return new CheckResult(name, Level.WARN, detail, fix);
  }

  public static CheckResult fail(String name, String detail, String fix) {
    return new CheckResult(name, Level.FAIL, detail, fix);
  }

  public static CheckResult skipped(String name, String why) {
    return new CheckResult(name, Level.SKIPPED, why, null);
  }

  /** "✗ Docker: not reachable at unix:///var/run/docker.sock — fix: start Docker ...". */
  public String line() {
    return level.mark() + " " + name + ": " + detail + (fix == null ? "" : " — fix: " + fix);
  }
}
