package io.devenv.testing;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * What a test needs from the machine (Docker, an emulator, an image). When it is missing the test
 * is skipped with a message saying what is missing and how to get it; when the system property
 * {@code devenv.test.requireAll} is true (CI sets it) the test fails instead, so nothing is
 * skipped silently where everything is supposed to be installed.
 */
public final class Requirements {
  /** The system property CI sets. */
  public static final String REQUIRE_ALL = "devenv.test.requireAll";

  private Requirements() {}

  /**
   * @param present whether the requirement is met
   * @param missing what is missing and how to install it, e.g. "MiniStack is not installed: pip install ministack"
   */
  public static void require(boolean present, String missing) {
    if (present) {
      return;
    }
    if (requireAll()) {
      Assertions.fail(missing + " (" + REQUIRE_ALL + "=true: nothing may be skipped)");
    }
    Assumptions.abort(missing);
  }

  public static boolean requireAll() {
    return Boolean.parseBoolean(System.getProperty(REQUIRE_ALL, "false"));
  }
}
