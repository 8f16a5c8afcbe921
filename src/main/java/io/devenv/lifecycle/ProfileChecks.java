package io.devenv.lifecycle;

import io.devenv.kubernetes.ManifestChecks;
import io.devenv.profile.Problem;
import io.devenv.profile.ProfileException;
import io.devenv.profile.Profile;
import java.util.List;

/**
 * What {@code validate} and {@code plan} check beyond the profile file itself, without starting
 * anything: its manifests, loaded as {@code up} would load them ({@link ManifestChecks}).
 */
public final class ProfileChecks {

  private ProfileChecks() {}

  /** @throws ProfileException listing every problem in the profile's manifests */
  public static void manifests(Profile profile) {
    manifests(profile, io.devenv.core.CheckCache.none());
  }

  /** As {@link #manifests(Profile)}; manifests that did not change are not loaded again but taken from the cache. */
  public static void manifests(Profile profile, io.devenv.core.CheckCache cache) {
    List<Problem> problems = ManifestChecks.problems(profile, cache);
    if (!problems.isEmpty()) {
      throw new ProfileException(profile.file(), problems);
    }
  }
}
