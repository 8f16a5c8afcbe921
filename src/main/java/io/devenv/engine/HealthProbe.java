package io.devenv.engine;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Asks an emulator's health endpoint, once or until a deadline. */
final class HealthProbe {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static final Duration POLL = Duration.ofMillis(250);

  private HealthProbe() {}

  /** "healthy", or why not: "HTTP 503", "unreachable: Connection refused". */
  static String once(URI endpoint, String path) {
    try {
      HttpRequest request = HttpRequest.newBuilder(endpoint.resolve(path)).timeout(Duration.ofSeconds(3)).GET().build();
      int code = HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      return code == 200 ? "healthy" : "HTTP " + code;
    } catch (IOException e) {
      return "unreachable: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unreachable: interrupted";
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
