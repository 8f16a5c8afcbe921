package io.devenv.kubernetes;

import java.util.logging.Level;
import java.util.logging.Logger;

/** Keeps the fabric8 mock server from logging every request (at INFO, through java.util.logging). */
final class MockServerLogs {

  // JUL holds loggers weakly: keep the configured one reachable.
  private static final Logger MOCK = Logger.getLogger("io.fabric8.mockwebserver");

  private MockServerLogs() {}

  static void quiet() {
    MOCK.setLevel(Level.WARNING);
  }
}
