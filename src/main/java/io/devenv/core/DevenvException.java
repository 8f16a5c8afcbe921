package io.devenv.core;

/**
 * A failure a user can act on. Its message is the one line the CLI prints (plus any detail
 * lines); the stack trace is shown only with {@code --verbose}.
 */
public class DevenvException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int exitCode;
  private final String detail;

  public DevenvException(int exitCode, String message) {
    this(exitCode, message, null, null);
  }

  public DevenvException(int exitCode, String message, Throwable cause) {
    this(exitCode, message, null, cause);
  }

  /**
   * @param detail lines printed after the message (a failure report, a list of problems), or null
   */
  public DevenvException(int exitCode, String message, String detail, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
    this.detail = detail;
  }

  /** A runtime failure (exit 1). */
  public static DevenvException failure(String message, Throwable cause) {
    return new DevenvException(ExitCode.FAILURE, message, cause);
  }

  /** Bad input (exit 2). */
  public static DevenvException invalid(String message) {
    return new DevenvException(ExitCode.INVALID_INPUT, message);
  }

  public int exitCode() {
    return exitCode;
  }

  /** Lines to print after the message, or null. */
  public String detail() {
    return detail;
  }
}
