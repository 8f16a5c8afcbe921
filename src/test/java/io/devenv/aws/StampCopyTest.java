package io.devenv.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.devenv.environment.AwsAccess;
import io.devenv.profile.Profile;
import io.devenv.profile.ProfileLoader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stamp's copy in .devenv: it matches only the instance, endpoint, profile and seed files it
 * was written for, and an engine that names no instance never gets one.
 */
class StampCopyTest {
  private static final String RUN = "docker 3f2a9c 2026-11-29T07:00:00.123456789Z";

  @TempDir Path dir;

  private Profile profile(String queue) {
    return ProfileLoader.parse("name: copy\naws:\n  region: eu-west-3\n  queues: [{ name: " + queue + " }]\n"
        + "kubernetes: { enabled: false }\n", dir.resolve("profile.yaml"));
  }

  private static AwsAccess access(int port, String instance) {
    return AwsAccess.local(URI.create("http://127.0.0.1:" + port), "eu-west-3").withInstance(instance);
  }

  private StampCopy copy(AwsAccess access, Profile profile, String seedHash) {
    return new StampCopy(dir, access, profile, seedHash, 2);
  }

  @Test
  @DisplayName("matches the same container run, profile and seeds, with the time and count it was written with")
  void matchesWhatItWasWrittenFor() throws Exception {
    Profile profile = profile("orders");
    Instant at = Instant.parse("2026-11-29T07:01:00Z");
    copy(access(32774, RUN), profile, "seeds-1").write(at, 1);

    var match = copy(access(32774, RUN), profile, "seeds-1").check();

    assertThat(match).as("same instance, profile and seeds").isPresent();
    assertThat(match.get().since()).isEqualTo(at);
    assertThat(match.get().resources()).isEqualTo(1);
    assertThat(match.get().seeds()).isEqualTo(2);
    assertThat(StampCopy.exists(dir.getParent(), "copy")).as("looked for under <project>/.devenv").isFalse();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("aws-stamp-copy"))))
        .as("private to the user").isEqualTo("rw-------");
  }

  @Test
  @DisplayName("never matches a restarted or recreated container, another endpoint, a changed profile or changed seeds")
  void refusesEverythingElse() {
    Profile profile = profile("orders");
    copy(access(32774, RUN), profile, "seeds-1").write(Instant.now(), 1);

    assertThat(copy(access(32774, "docker 3f2a9c 2026-11-29T07:30:00.000000001Z"), profile, "seeds-1").check())
        .as("the same container restarted: a new start time").isEmpty();
    assertThat(copy(access(32774, "docker 77bb01 2026-11-29T07:00:00.123456789Z"), profile, "seeds-1").check())
        .as("a recreated container: a new id").isEmpty();
    assertThat(copy(access(32775, RUN), profile, "seeds-1").check()).as("another endpoint").isEmpty();
    assertThat(copy(access(32774, RUN), profile("orders-v2"), "seeds-1").check()).as("a changed profile").isEmpty();
    assertThat(copy(access(32774, RUN), profile, "seeds-2").check()).as("a changed seed file").isEmpty();
  }

  @Test
  @DisplayName("an engine that names no instance (external) neither writes nor matches a copy; remove forgets it")
  void noInstanceNoCopy() throws Exception {
    Profile profile = profile("orders");
    copy(access(4566, null), profile, "seeds-1").write(Instant.now(), 1);
    assertThat(dir.resolve("aws-stamp-copy")).as("nothing written without an instance").doesNotExist();
    assertThat(copy(access(4566, null), profile, "seeds-1").check()).isEmpty();

    copy(access(32774, RUN), profile, "seeds-1").write(Instant.now(), 1);
    Files.writeString(dir.resolve("aws-stamp-copy"), "garbage");
    assertThat(copy(access(32774, RUN), profile, "seeds-1").check()).as("an unreadable copy").isEmpty();
    copy(access(32774, RUN), profile, "seeds-1").remove();
    assertThat(dir.resolve("aws-stamp-copy")).doesNotExist();
  }
}
