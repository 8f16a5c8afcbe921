package io.devenv.seed;

import java.time.Duration;
import java.util.List;

/** What {@link Seeder#seed} did, per target. */
public record SeedReport(List<TargetResult> targets, Duration elapsed) {

  public SeedReport {
    targets = List.copyOf(targets);
  }

  /**
   * @param kind bucket, table, queue, secret or parameter
   * @param name the bucket, table, queue, secret or parameter
   * @param total records (objects, items, messages) the seed holds
   * @param loaded records written in this run
   * @param unchanged records the emulator already had, left alone
   */
  public record TargetResult(String kind, String name, int total, int loaded, int unchanged, Duration elapsed) {}

  /** The result for one target, or null. */
  public TargetResult target(String kind, String name) {
    return targets.stream().filter(t -> t.kind().equals(kind) && t.name().equals(name)).findFirst().orElse(null);
  }

  public int loaded() {
    return targets.stream().mapToInt(TargetResult::loaded).sum();
  }

  public int unchanged() {
    return targets.stream().mapToInt(TargetResult::unchanged).sum();
  }

  /** Whether the run wrote nothing: everything was already loaded. */
  public boolean changedNothing() {
    return loaded() == 0;
  }

  /** "1,234 loaded, 56 unchanged". */
  public String summary() {
    return loaded() + " loaded, " + unchanged() + " unchanged";
  }
}
