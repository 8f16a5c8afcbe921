package io.devenv.plan;

import io.devenv.core.DevenvException;
import io.devenv.core.ExitCode;
import io.devenv.kubernetes.ManifestLoader;
import io.devenv.profile.Origin;
import io.devenv.profile.Profile;
import io.devenv.profile.SeedSpec;
import io.devenv.seed.SeedFileReader;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code devenv validate} checks beyond the profile itself, still without starting anything:
 * every seed file streamed (JSON per record, objects, duplicate keys, text), every manifest
 * loaded (YAML, kinds, names, placeholders). Every problem of every file, not only the first.
 */
public final class OfflineChecks {
  /** Problems listed per seed file at most; a broken 1 GB file would otherwise print a million lines. */
  public static final int PER_FILE = 20;

  private OfflineChecks() {}

  /** Each problem as "file:line:column: message"; empty when all is well. */
  public static List<String> problems(Profile profile) {
    List<String> problems = new ArrayList<>();
    for (SeedSpec.TableSeed t : profile.seed().tables()) {
      problems.addAll(SeedFileReader.problems(t.from(), PER_FILE, null));
    }
    for (SeedSpec.QueueSeed q : profile.seed().queues()) {
      problems.addAll(SeedFileReader.problems(q.from(), PER_FILE, null));
    }
    try {
      new ManifestLoader().forPlan(profile);
    } catch (DevenvException e) {
      if (e.detail() != null) {
        e.detail().lines().map(String::strip).filter(l -> !l.isEmpty()).forEach(problems::add);
      } else {
        problems.add(e.getMessage());
      }
    }
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
