package io.devenv.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * How an emulator says its init scripts have run, on top of its health endpoint. Waiting on this,
 * not on a sleep, is what makes "ready" mean resources can be created.
 */
public enum InitCheck {
  /** No init endpoint: the health endpoint alone decides. */
  NONE(null),
  /** LocalStack: {@code {"completed": true, ...}} once every init stage has run. */
  LOCALSTACK("/_localstack/init/ready"),
  /** Floci: {@code {"completed": {"ready": true, ...}}}. */
  FLOCI("/_localstack/init"),
  /** MiniStack: 200 once its ready.d scripts have run, 503 before. */
  MINISTACK("/_ministack/ready");

  /** Made when an init endpoint is first read: the presets name their check long before (plan never reads one). */
  private static final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
  }

  private final String path;

  InitCheck(String path) {
    this.path = path;
  }

  /** The HTTP path to poll, or null for {@link #NONE}. */
  public String path() {
    return path;
  }

  /** Whether a 200 answer with this body means the emulator finished initialising. */
  public boolean isComplete(String body) {
    switch (this) {
      case NONE:
      case MINISTACK:
        return true;
      default:
        try {
          JsonNode completed = Json.MAPPER.readTree(body).path("completed");
          return completed.isBoolean() ? completed.asBoolean() : completed.path("ready").asBoolean(false);
        } catch (IOException e) {
          return false;
        }
    }
  }
}
