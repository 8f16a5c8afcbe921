package io.devenv.aws;

import io.devenv.profile.Profile;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
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
    return StampDigest.parse(stamp, digest(instance), seeds);
  }

  /**
   * Records that the AWS side converged now; writes the instance marker first if the emulator has
   * none. Returns false when the emulator would not store it (then the next up checks everything).
   */
  public boolean record() {
    try {
      String instance = instance();
      String value = StampDigest.value(digest(instance), Instant.now(), profile.aws().resourceCount());
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
    return StampDigest.digest(aws.access(), profile, seedHash, instance);
  }


}
