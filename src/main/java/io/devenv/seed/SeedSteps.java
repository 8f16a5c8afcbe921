package io.devenv.seed;

import io.devenv.core.PlannedStep;
import io.devenv.profile.Origin;
import io.devenv.profile.Profile;
import io.devenv.profile.SeedSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The seed steps of {@code up}: one per target, named as the seeder reports it ("seed table catalog"). */
public final class SeedSteps {

  private SeedSteps() {}

  /** The progress name of one target's step, from its description ("table catalog"). */
  static String name(String target) {
    return new PlannedStep("seed", "seed", target, List.of()).name();
  }

  /** Counts the records of every seed file (so a broken one shows here), in the order the seeder takes them. */
  public static List<PlannedStep> of(Profile profile) {
    return of(profile, io.devenv.core.CheckCache.none());
  }

  /** As {@link #of(Profile)}, with the counts of files that did not change taken from the cache. */
  public static List<PlannedStep> of(Profile profile, io.devenv.core.CheckCache cache) {
    SeedSpec seed = profile.seed();
    List<PlannedStep> steps = new ArrayList<>();
    for (SeedCounts.Target t : SeedCounts.of(seed, cache).targets()) {
      String unit = switch (t.kind()) {
        case "bucket" -> "objects";
        case "table" -> "items";
        default -> "messages";
      };
      steps.add(step(t.kind(), t.name(), List.of(t.count() + " " + unit + " (" + bytes(t.bytes()) + ") from " + source(seed, t))));
    }
    return steps;
  }

  private static PlannedStep step(String kind, String target, List<String> details) {
    return new PlannedStep("seed", "seed", SeedTarget.describe(kind, target), details);
  }

  private static String source(SeedSpec seed, SeedCounts.Target t) {
    return switch (t.kind()) {
      case "bucket" -> seed.buckets().stream().filter(b -> b.bucket().equals(t.name())).findFirst()
          .map(b -> Origin.display(b.from()) + (b.prefix().isEmpty() ? "" : " under " + b.prefix())).orElse("");
      case "table" -> seed.tables().stream().filter(s -> s.table().equals(t.name())).findFirst()
          .map(s -> Origin.display(s.from())).orElse("");
      default -> seed.queues().stream().filter(s -> s.queue().equals(t.name())).findFirst()
          .map(s -> Origin.display(s.from())).orElse("");
    };
  }

  private static String bytes(long n) {
    if (n < 1024) {
      return n + " B";
    }
    if (n < 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f KiB", n / 1024.0);
    }
    return String.format(Locale.ROOT, "%.1f MiB", n / (1024.0 * 1024));
  }
}
