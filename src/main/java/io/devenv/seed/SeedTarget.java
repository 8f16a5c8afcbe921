package io.devenv.seed;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One seed target (a bucket tree, a table file, a queue file) in the two phases of a run: first
 * everything is read and checked, touching nothing; then, only when every target passed, the
 * work is done in units run on a shared bounded pool.
 */
abstract class SeedTarget {
  final String kind;
  final String name;
  final AtomicInteger loaded = new AtomicInteger();
  int total;
  int skipped;

  SeedTarget(String kind, String name) {
    this.kind = kind;
    this.name = name;
  }

  /** Reads the files, checks them and finds what the emulator already has. Changes nothing. */
  abstract void prepare(boolean reset);

  /** For {@code --reset}: empties the target (and its record) before loading. */
  void clear() {}

  /** The work left, in units the pool runs; run in order when {@link #ordered}. */
  List<Runnable> units() {
    return List.of();
  }

  /** Where a streamed target puts its work as it reads its file again. */
  interface Units {
    /** Runs the unit (in order) or schedules it; {@code bytes}: about how much memory it holds. */
    void add(Runnable unit, long bytes);
  }

  /**
   * Whether the target reads its file again to do its work ({@link #produce}) instead of holding
   * it as {@link #units}: what keeps memory flat for files larger than the heap.
   */
  boolean streamed() {
    return false;
  }

  /** For a {@link #streamed} target: reads the file again, handing the work left to {@code units}. */
  void produce(Units units) {
    units().forEach(u -> units.add(u, 0));
  }

  boolean ordered() {
    return false;
  }

  /** After the last unit: writes the record of what was loaded. */
  void finish() {}

  /** The verb for what a unit does to a record: "uploaded", "written", "sent". */
  abstract String verb();

  String describe() {
    return describe(kind, name);
  }

  /** "table catalog": how a target is named in progress and in the plan. */
  static String describe(String kind, String name) {
    return kind + " " + name;
  }

  SeedReport.TargetResult result(long nanos) {
    return new SeedReport.TargetResult(kind, name, total, loaded.get(), skipped, java.time.Duration.ofNanos(nanos));
  }

  String outcome() {
    String noun = switch (kind) {
      case "bucket" -> "objects";
      case "table" -> "items";
      case "queue" -> "messages";
      default -> "values";
    };
    return loaded.get() + " " + verb() + ", " + skipped + " unchanged (" + total + " " + noun + ")";
  }
}
