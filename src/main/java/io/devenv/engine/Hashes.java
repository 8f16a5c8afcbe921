package io.devenv.engine;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/** Short, stable hashes for labels: of a project directory, of the settings that shape a container. */
final class Hashes {
  /** Bumped when devenv changes how it builds containers, so old ones are recreated. */
  static final String LAYOUT_VERSION = "1";

  private Hashes() {}

  /** 12 hex characters of SHA-256 over the entries, sorted by key. */
  static String of(Map<String, String> entries) {
    StringBuilder text = new StringBuilder("layout=" + LAYOUT_VERSION + "\n");
    new TreeMap<>(entries).forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
    return of(text.toString());
  }

  static String of(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
