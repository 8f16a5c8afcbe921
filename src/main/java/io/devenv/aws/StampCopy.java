package io.devenv.aws;

import io.devenv.environment.AwsAccess;
import io.devenv.environment.DevenvDir;
import io.devenv.profile.Profile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;

/**
 * A copy, in {@code .devenv/}, of the {@link ConvergenceStamp} of an emulator whose engine names
 * its instance ({@link AwsAccess#instance()}: for Docker, the container's id and the time its run
 * started). A no-op {@code up} reads this file instead of asking the emulator, and so builds no
 * AWS SDK client at all.
 *
 * <p>It is written only when the emulator's own stamp was written or matched for that same
 * instance, and it covers the same things (devenv's build, the endpoint, the resolved AWS section,
 * the seed files) with the engine's instance in place of the marker kept in the emulator: an
 * emulator restarted (a new start time) or recreated (a new id) never matches, whatever the file
 * says. An engine that cannot name an instance (external) never has a copy; the emulator's stamp
 * stays the truth there.
 */
public final class StampCopy {
  private static final String PREFIX = "aws-stamp-";
  private final Path file;
  private final AwsAccess access;
  private final Profile profile;
  private final String seedHash;
  private final int seeds;

  /**
   * @param devenvDir the project's {@code .devenv/}
   * @param seedHash the seed files' hash, as for {@link ConvergenceStamp}
   * @param seeds how many seed targets that hash covers, for the message
   */
  public StampCopy(Path devenvDir, AwsAccess access, Profile profile, String seedHash, int seeds) {
    this.file = devenvDir.resolve(fileName(profile.name()));
    this.access = access;
    this.profile = profile;
    this.seedHash = seedHash;
    this.seeds = seeds;
  }

  /**
   * Whether the project has a copy for the profile, whatever instance it names: then the next up
   * will likely need no AWS client (for the lifecycle's decision to build one early).
   */
  public static boolean exists(Path projectDir, String profile) {
    return Files.isRegularFile(projectDir.resolve(DevenvDir.NAME).resolve(fileName(profile)));
  }

  /** Removes the copies of a profile (of every profile when {@code profile} is null): after a down. */
  public static void removeFor(Path projectDir, String profile) throws IOException {
    Path dir = projectDir.resolve(DevenvDir.NAME);
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (var files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        String name = f.getFileName().toString();
        if (profile == null ? name.startsWith(PREFIX) && !name.endsWith(".tmp") : name.equals(fileName(profile))) {
          Files.deleteIfExists(f);
        }
      }
    }
  }

  private static String fileName(String profile) {
    return PREFIX + profile.replaceAll("[^A-Za-z0-9_.-]", "_");
  }

  /** The copy, when there is one for this instance and it covers what the profile says now. */
  public Optional<ConvergenceStamp.Match> check() {
    if (access.instance() == null || !Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      String value = Files.readString(file, StandardCharsets.UTF_8).trim();
      return StampDigest.parse(value, digest(), seeds);
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // unreadable: the emulator's stamp decides
    }
  }

  /**
   * Records the emulator's stamp, written or matched just now for this instance; nothing for an
   * engine without instances. Never fails: a missing copy only costs the next up its shortcut.
   */
  public void write(Instant since, int resources) {
    if (access.instance() == null) {
      return;
    }
    try {
      Path temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
      try {
        Files.writeString(temp, StampDigest.value(digest(), since, resources) + "\n", StandardCharsets.UTF_8);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException | RuntimeException e) {
      remove();
    }
  }

  /** Forgets the copy, so that the next up asks the emulator. */
  public void remove() {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // it still matches only this instance and the profile it was true for
    }
  }

  private String digest() {
    return StampDigest.digest(access, profile, seedHash, access.instance());
  }
}
