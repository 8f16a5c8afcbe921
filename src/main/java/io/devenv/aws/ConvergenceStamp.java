package io.devenv.aws;

import io.devenv.profile.Profile;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ssm.model.GetParametersResponse;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.ParameterAlreadyExistsException;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * The record, kept in the emulator beside the seed ledger, that an {@code up} converged this
 * profile's AWS side: a hash of the resolved AWS section, the seed files' contents, devenv's build
 * and the emulator's instance marker. When the hash the profile gives now equals the recorded
 * one, nothing that decides the AWS side changed since, and the per-resource checks are skipped.
 *
 * <p>The instance marker is a random id devenv writes into an emulator the first time it records a
 * stamp there: an emulator restarted empty has neither marker nor stamp, and never matches. What
 * the stamp cannot see is a change made by hand inside the emulator; {@code --verify} checks that.
 */
public final class ConvergenceStamp {
  static final String INSTANCE = "/devenv/instance";
  static final String ROOT = "/devenv/stamp";
  private static final String FORMAT = "v1";

  private final AwsClients aws;
  private final Profile profile;
  private final String seedHash;
  private final int seeds;

  /**
   * @param seedHash the seed files' hash ({@code io.devenv.seed.SeedFingerprint})
   * @param seeds how many seed targets that hash covers, for the message
   */
  public ConvergenceStamp(AwsClients aws, Profile profile, String seedHash, int seeds) {
    this.aws = aws;
    this.profile = profile;
    this.seedHash = seedHash;
    this.seeds = seeds;
  }

  /** An up-to-date stamp: what it covers and when it was written. */
  public record Match(int resources, int seeds, Instant since) {

    /** "16 resources, 6 seeds unchanged since 10:42 (stamp)". */
    public String describe() {
      String time = LocalTime.ofInstant(since, ZoneId.systemDefault()).format(DateTimeFormatter.ofPattern("HH:mm"));
      return resources + " resource" + (resources == 1 ? "" : "s") + ", " + seeds + " seed" + (seeds == 1 ? "" : "s")
          + " unchanged since " + time + " (stamp)";
    }
  }

  /**
   * One request: the marker and this profile's stamp. Empty when either is missing or the hash
   * differs, and when the emulator cannot answer it (then the full check decides).
   */
  public Optional<Match> check() {
    String stampName = name();
    GetParametersResponse response;
    try {
      response = aws.ssm().getParameters(r -> r.names(INSTANCE, stampName));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
    Map<String, String> found = response.parameters().stream()
        .collect(Collectors.toMap(Parameter::name, Parameter::value, (a, b) -> a));
    String instance = found.get(INSTANCE);
    String stamp = found.get(stampName);
    if (instance == null || stamp == null) {
      return Optional.empty();
    }
    return parse(stamp, digest(instance), seeds);
  }

  /**
   * Records that the AWS side converged now; writes the instance marker first if the emulator has
   * none. Returns false when the emulator would not store it (then the next up checks everything).
   */
  public boolean record() {
    try {
      String instance = instance();
      String value = value(digest(instance), Instant.now(), profile.aws().resourceCount());
      aws.ssm().putParameter(r -> r.name(name()).value(value).type(ParameterType.STRING).overwrite(true));
      return true;
    } catch (RuntimeException e) {
      return false; // a missing stamp only costs the next up its shortcut
    }
  }

  /** Removes this profile's stamp, so that the next up checks everything. */
  public void forget() {
    aws.ssm().deleteParameters(r -> r.names(name()));
  }

  private String instance() {
    List<Parameter> existing = aws.ssm().getParameters(r -> r.names(INSTANCE)).parameters();
    if (!existing.isEmpty()) {
      return existing.get(0).value();
    }
    String mine = UUID.randomUUID().toString();
    try {
      aws.ssm().putParameter(r -> r.name(INSTANCE).value(mine).type(ParameterType.STRING).overwrite(false));
      return mine;
    } catch (ParameterAlreadyExistsException e) {
      // Another up wrote one between the two calls: use that one.
      return aws.ssm().getParameter(r -> r.name(INSTANCE)).parameter().value();
    }
  }

  String name() {
    return ROOT + "/" + profile.name().replaceAll("[^A-Za-z0-9_.-]", "_");
  }

  /** The hash of everything that decides the AWS side, for this emulator instance. */
  String digest(String instance) {
    return digest(aws.access(), profile, seedHash, instance);
  }

  /**
   * The hash of everything that decides the AWS side, for one emulator instance.
   *
   * @param instance the marker devenv keeps in the emulator, or the instance its engine names
   */
  static String digest(io.devenv.environment.AwsAccess access, Profile profile, String seedHash, String instance) {
    MessageDigest sha = sha256();
    Function<String, byte[]> bytes = s -> (s + "\n").getBytes(StandardCharsets.UTF_8);
    sha.update(bytes.apply("devenv " + build()));
    sha.update(bytes.apply("instance " + instance));
    sha.update(bytes.apply("endpoint " + access.endpoint() + " " + access.region()));
    sha.update(bytes.apply("profile " + profile.name()));
    // Records print every component, nested records included: the resolved section, field by field.
    sha.update(bytes.apply("aws " + profile.aws()));
    sha.update(bytes.apply("seed " + seedHash));
    return HexFormat.of().formatHex(sha.digest());
  }

  /** "v1 DIGEST EPOCH RESOURCES": what is kept in the emulator, and in its local copy. */
  static String value(String digest, Instant at, int resources) {
    return String.join(" ", FORMAT, digest, Long.toString(at.getEpochSecond()), Integer.toString(resources));
  }

  /** The stamp's time and resource count when {@code value} holds {@code digest}; empty otherwise. */
  static Optional<Match> parse(String value, String digest, int seeds) {
    String[] fields = value.split(" ");
    if (fields.length != 4 || !fields[0].equals(FORMAT) || !fields[1].equals(digest)) {
      return Optional.empty();
    }
    try {
      return Optional.of(new Match(Integer.parseInt(fields[3]), seeds, Instant.ofEpochSecond(Long.parseLong(fields[2]))));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** devenv's version and, for a build from source, its jar's time: a rebuilt devenv checks again. */
  public static String build() {
    String version = String.valueOf(ConvergenceStamp.class.getPackage().getImplementationVersion());
    try {
      Path code = Path.of(ConvergenceStamp.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (Files.isRegularFile(code)) {
        return version + " " + Files.getLastModifiedTime(code).toMillis();
      }
    } catch (URISyntaxException | java.io.IOException | RuntimeException e) {
      // No jar to look at (classes directory, unusual class loader): the version alone.
    }
    return version;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
