package io.devenv.core;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Which devenv build is running: its version and the signature of its jar (or classes directory),
 * so a rebuilt devenv checks again what its stamps and caches skipped. Worked out once per run.
 */
public final class DevenvBuild {
  private static volatile Optional<String> signed;

  private DevenvBuild() {}

  /** The version and the code's signature; empty when the code cannot be looked at (then keep nothing on disk). */
  public static Optional<String> signed() {
    Optional<String> s = signed;
    if (s == null) {
      s = compute();
      signed = s;
    }
    return s;
  }

  /** The signed build, or the version alone when the code cannot be looked at. */
  public static String id() {
    return signed().orElseGet(DevenvBuild::version);
  }

  private static String version() {
    return String.valueOf(DevenvBuild.class.getPackage().getImplementationVersion());
  }

  private static Optional<String> compute() {
    try {
      Path code = Path.of(DevenvBuild.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return FileSignature.of(List.of(code)).map(s -> version() + "\n" + sha256(s.text()));
    } catch (Exception e) {
      return Optional.empty(); // no code source to look at (unusual class loader)
    }
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
