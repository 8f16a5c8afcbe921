package io.devenv.plan;

import io.devenv.core.CheckCache;
import io.devenv.core.DevenvException;
import io.devenv.core.ExitCode;
import io.devenv.kubernetes.OfflineManifests;
import io.devenv.profile.Origin;
import io.devenv.profile.Profile;
import io.devenv.profile.SeedSpec;
import io.devenv.seed.SeedFileCheck;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code devenv validate} checks beyond the profile itself, still without starting anything:
 * every seed file streamed (JSON per record, objects, duplicate keys, text), every manifest
 * loaded (YAML, kinds, names, placeholders). Every problem of every file, not only the first.
 * Files that did not change since a check found them so are taken from the {@link CheckCache}.
 */
public final class OfflineChecks {
  /** Problems listed per seed file at most; a broken 1 GB file would otherwise print a million lines. */
  public static final int PER_FILE = SeedFileCheck.PER_FILE;

  private OfflineChecks() {}

  /** Each problem as "file:line:column: message"; empty when all is well. */
  public static List<String> problems(Profile profile) {
    return problems(profile, CheckCache.none());
  }

  /** As {@link #problems(Profile)}, with unchanged files' results taken from {@code cache}. */
  public static List<String> problems(Profile profile, CheckCache cache) {
    List<String> problems = new ArrayList<>();
    for (SeedSpec.TableSeed t : profile.seed().tables()) {
      problems.addAll(SeedFileCheck.of(t.from(), cache).problems());
    }
    for (SeedSpec.QueueSeed q : profile.seed().queues()) {
      problems.addAll(SeedFileCheck.of(q.from(), cache).problems());
    }
    OfflineManifests.of(profile, cache).loadProblems().stream()
        .map(String::strip).filter(l -> !l.isEmpty()).forEach(problems::add);
    return problems;
  }

  /** @throws DevenvException (exit 2) listing every problem, when there is one */
  public static void require(Profile profile) {
    List<String> problems = problems(profile);
    if (problems.isEmpty()) {
      return;
    }
    if (problems.size() == 1) {
      throw DevenvException.invalid(problems.get(0));
    }
    throw new DevenvException(ExitCode.INVALID_INPUT, problems.size() + " problems in the seed files and manifests of "
        + Origin.display(profile.origin().file()) + ":", String.join("\n", problems.stream().map(p -> "  " + p).toList()),
        null);
  }
}
