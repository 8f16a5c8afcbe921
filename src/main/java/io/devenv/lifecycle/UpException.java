package io.devenv.lifecycle;

import io.devenv.core.Check;
import io.devenv.core.DevenvException;
import java.util.List;

/**
 * {@code up} failed: the step's own error (message, detail, exit code) plus the readiness checks up
 * to and including the one that failed, for CI reports.
 */
public final class UpException extends DevenvException {
  private static final long serialVersionUID = 1L;

  private final transient List<Check> checks;

  UpException(DevenvException failure, List<Check> checks) {
    super(failure.exitCode(), failure.getMessage(), failure.detail(), failure);
    this.checks = List.copyOf(checks);
  }

  public List<Check> checks() {
    return checks;
  }
}
