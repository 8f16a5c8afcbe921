package io.devenv.junit;

/**
 * The environment a test class needs did not come up. The message is devenv's own: the step
 * that failed, and for Kubernetes the readiness report (events, logs, kubectl commands).
 */
public final class DevEnvStartException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  DevEnvStartException(String message, Throwable cause) {
    super(message, cause);
  }
}
