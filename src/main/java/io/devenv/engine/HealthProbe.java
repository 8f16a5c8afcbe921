package io.devenv.engine;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.time.Duration;

/**
 * Asks an emulator's health endpoint, once or until a deadline. Through the JDK's
 * {@link HttpURLConnection}: for a plain {@code http://} endpoint on this machine it sets up no TLS
 * (java.net.http's client loads the JDK's CA store as it is built, a large part of a no-op up).
 */
final class HealthProbe {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(3);
  private static final Duration POLL = Duration.ofMillis(250);

  private HealthProbe() {}

  /** "healthy", or why not: "HTTP 503", "unreachable: Connection refused". */
  static String once(URI endpoint, String path) {
    HttpURLConnection connection = null;
    try {
      // The emulator is on this machine: never through a proxy the JVM may be configured with.
      connection = (HttpURLConnection) endpoint.resolve(path).toURL().openConnection(Proxy.NO_PROXY);
      connection.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis());
      connection.setReadTimeout((int) READ_TIMEOUT.toMillis());
      int code = connection.getResponseCode();
      try (InputStream body = code < 400 ? connection.getInputStream() : connection.getErrorStream()) {
        if (body != null) {
          body.transferTo(java.io.OutputStream.nullOutputStream());
        }
      }
      return code == 200 ? "healthy" : "HTTP " + code;
    } catch (IOException | IllegalArgumentException e) {
      return "unreachable: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    } finally {
      if (connection != null) {
        connection.disconnect();
      }
    }
  }

  /** Polls until healthy or the deadline passes; returns the last answer. */
  static String until(URI endpoint, String path, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    String answer = once(endpoint, path);
    while (!answer.equals("healthy") && System.nanoTime() - deadline < 0 && !Thread.currentThread().isInterrupted()) {
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      answer = once(endpoint, path);
    }
    return answer;
  }
}
