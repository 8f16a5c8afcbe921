package io.devenv.seed;

import io.devenv.profile.SeedSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How much a profile's seed holds, read from its files without AWS: for {@code devenv plan}.
 * Reading also checks that every file parses, so a plan shows a broken fixture early.
 */
public record SeedCounts(List<Target> targets) {

  /**
   * @param kind bucket, table or queue
   * @param name the bucket, table or queue
   * @param count objects, items or messages
   * @param bytes the size of the files read
   */
  public record Target(String kind, String name, int count, long bytes) {}

  public static SeedCounts of(SeedSpec seed) {
    return of(seed, io.devenv.core.CheckCache.none());
  }

  /** As {@link #of(SeedSpec)}; a table's or queue's file is read only when the cache has no count for it as it is now. */
  public static SeedCounts of(SeedSpec seed, io.devenv.core.CheckCache cache) {
    List<Target> targets = new ArrayList<>();
    for (SeedSpec.BucketSeed b : seed.buckets()) {
      List<Map.Entry<java.nio.file.Path, String>> files = BucketSeeder.files(b.from(), b.prefix());
      long bytes = 0;
      for (var f : files) {
        bytes += size(f.getKey());
      }
      targets.add(new Target("bucket", b.bucket(), files.size(), bytes));
    }
    for (SeedSpec.TableSeed t : seed.tables()) {
      targets.add(new Target("table", t.table(), SeedFileCheck.of(t.from(), cache).count(), size(t.from())));
    }
    for (SeedSpec.QueueSeed q : seed.queues()) {
      targets.add(new Target("queue", q.queue(), SeedFileCheck.of(q.from(), cache).count(), size(q.from())));
    }
    return new SeedCounts(targets);
  }

  public int objects() {
    return sum("bucket");
  }

  public int items() {
    return sum("table");
  }

  public int messages() {
    return sum("queue");
  }

  private int sum(String kind) {
    return targets.stream().filter(t -> t.kind().equals(kind)).mapToInt(Target::count).sum();
  }

  /** "17 objects, 917 items, 80 messages". */
  @Override
  public String toString() {
    return objects() + " objects, " + items() + " items, " + messages() + " messages";
  }

  private static long size(java.nio.file.Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
