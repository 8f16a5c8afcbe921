package io.devenv.core;

/** Every exit code devenv returns, in one place. */
public final class ExitCode {
  /** Everything worked. */
  public static final int OK = 0;
  /** Something failed at run time: a container, an API call, a rollout. */
  public static final int FAILURE = 1;
  /** The input was wrong: bad usage, a bad profile, a missing file. */
  public static final int INVALID_INPUT = 2;
  /** Interrupted by the user (Ctrl-C), as shells report SIGINT. */
  public static final int INTERRUPTED = 130;

  private ExitCode() {}
}
