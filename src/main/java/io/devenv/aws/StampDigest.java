package io.devenv.aws;

import io.devenv.core.DevenvBuild;
import io.devenv.environment.AwsAccess;
import io.devenv.profile.Profile;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Function;

/**
 * The convergence stamp's hash and its written form, shared by the stamp in the emulator
 * ({@link ConvergenceStamp}) and its copy in {@code .devenv/} ({@link StampCopy}). No AWS SDK type
 * here: a no-op up that reads the copy loads none.
 */
final class StampDigest {
  private static final String FORMAT = "v1";

  private StampDigest() {}

  /**
   * The hash of everything that decides the AWS side, for one emulator instance.
   *
   * @param instance the marker devenv keeps in the emulator, or the instance its engine names
   */
  static String digest(AwsAccess access, Profile profile, String seedHash, String instance) {
    MessageDigest sha = sha256();
    Function<String, byte[]> bytes = s -> (s + "\n").getBytes(StandardCharsets.UTF_8);
    sha.update(bytes.apply("devenv " + DevenvBuild.id()));
    sha.update(bytes.apply("instance " + instance));
    sha.update(bytes.apply("endpoint " + access.endpoint() + " " + access.region()));
    sha.update(bytes.apply("profile " + profile.name()));
    // The resolved section, every component of every nested record.
    sha.update(bytes.apply("aws"));
    sha.update(profile.aws().canonicalJson());
    sha.update(bytes.apply(""));
    sha.update(bytes.apply("seed " + seedHash));
    return HexFormat.of().formatHex(sha.digest());
  }

  /** "v1 DIGEST EPOCH RESOURCES": what is kept in the emulator, and in its local copy. */
  static String value(String digest, Instant at, int resources) {
    return String.join(" ", FORMAT, digest, Long.toString(at.getEpochSecond()), Integer.toString(resources));
  }

  /** The stamp's time and resource count when {@code value} holds {@code digest}; empty otherwise. */
  static Optional<ConvergenceStamp.Match> parse(String value, String digest, int seeds) {
    String[] fields = value.split(" ");
    if (fields.length != 4 || !fields[0].equals(FORMAT) || !fields[1].equals(digest)) {
      return Optional.empty();
    }
    try {
      return Optional.of(new ConvergenceStamp.Match(Integer.parseInt(fields[3]), seeds, Instant.ofEpochSecond(Long.parseLong(fields[2]))));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
