package io.devenv.kubernetes;

import io.devenv.core.Check;
import io.devenv.core.DevenvException;
import io.devenv.core.ExitCode;
import java.util.List;

/**
 * Objects did not become ready: one failed (CrashLoopBackOff, ImagePullBackOff, a failed Job...)
 * or the wait timed out. The message is one line naming the first object and why; {@link #detail}
 * is the whole failure report (events, logs, kubectl commands); {@link #checks} has one entry per
 * object waited for, ready or not.
 */
public class ReadinessException extends DevenvException {
  private static final long serialVersionUID = 1L;

  private final transient List<Check> results;

  public ReadinessException(String message, String report, List<Check> results) {
    super(ExitCode.FAILURE, message, report, null);
    this.results = List.copyOf(results);
  }

  /** The failure report: the same text as {@link #detail()}. */
  public String report() {
    return detail();
  }

  public List<Check> checks() {
    return results;
  }
}
