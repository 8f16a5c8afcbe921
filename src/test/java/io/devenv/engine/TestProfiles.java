package io.devenv.engine;

import io.devenv.profile.Profile;
import io.devenv.profile.ProfileLoader;
import java.nio.file.Path;

/** Profiles for engine tests, written as YAML and loaded as users' profiles are. */
final class TestProfiles {
  private TestProfiles() {}

  static Profile parse(Path dir, String yaml) {
    return ProfileLoader.parse(yaml, dir.resolve("profile.yaml"));
  }

  /** An AWS-only profile on the local MiniStack image, with one resource of each kind given. */
  static Profile ministack(Path dir, String name, String extraAws) {
    return parse(dir, "name: " + name + "\n"
        + "aws:\n"
        + "  emulator: ministack\n"
        + "  image: " + DockerRequirements.MINISTACK_IMAGE + "\n"
        + "  region: eu-west-3\n"
        + "  buckets:\n"
        + "    - name: engine-test-bucket\n"
        + extraAws
        + "kubernetes:\n"
        + "  enabled: false\n");
  }
}
