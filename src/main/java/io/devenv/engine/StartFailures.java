package io.devenv.engine;

import io.devenv.core.DevenvException;
import io.devenv.core.ExitCode;
import java.util.Locale;
import java.util.concurrent.CancellationException;

/** Turns what Testcontainers and Docker throw while starting a container into one clear line. */
final class StartFailures {
  private StartFailures() {}

  /**
   * @param what the container, e.g. "AWS emulator ministackorg/ministack:1.5.23"
   * @param fixedPort the host port asked for, or 0
   * @param logTail the container's last log lines, shown under the message
   */
  static DevenvException translate(RuntimeException e, String what, int fixedPort, String logTail) {
    if (e instanceof DevenvException) {
      return (DevenvException) e;
    }
    String detail = logTail == null || logTail.isBlank() ? null : "Last lines of its log:\n" + logTail;
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CancellationException || t instanceof InterruptedException) {
        return new DevenvException(ExitCode.INTERRUPTED, "Interrupted while starting the " + what, e);
      }
      String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
      if (message.contains("port is already allocated") || message.contains("address already in use")) {
        String line = fixedPort > 0 ? PortCheck.taken(fixedPort, "the " + what).getMessage()
            : "A port the " + what + " publishes on 127.0.0.1 is taken: " + rootMessage(e);
        return new DevenvException(ExitCode.FAILURE, line, null, e);
      }
      if (t.getClass().getSimpleName().equals("ContainerFetchException") || message.contains("pull access denied")) {
        return new DevenvException(ExitCode.FAILURE, "The image of the " + what + " is not in the local Docker daemon"
            + " and could not be pulled (needs registry access): pull or build it, then run devenv doctor", null, e);
      }
    }
    return new DevenvException(ExitCode.FAILURE, "The " + what + " did not start: " + rootMessage(e), detail, e);
  }

  static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return message.lines().findFirst().orElse(message).strip();
  }
}
