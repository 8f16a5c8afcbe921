package io.devenv.testing;

import io.devenv.profile.Origin;
import io.devenv.profile.QueueSpec;
import io.devenv.profile.SeedSpec;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/** Generated seed data of a chosen size, for fault tests and the benchmark. */
public final class SeedData {
  private SeedData() {}

  /** Writes {@code count} items with a string partition key {@code id} as NDJSON. */
  public static Path items(Path dir, int count) throws IOException {
    Path file = dir.resolve("items.ndjson");
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (int i = 0; i < count; i++) {
        w.write("{\"id\":\"item-" + i + "\",\"n\":" + i + ",\"price\":" + (i % 100) + ".99,\"tags\":[\"a\",\"b\"],"
            + "\"nested\":{\"title\":\"Élément " + i + "\",\"ok\":" + (i % 2 == 0) + "}}\n");
      }
    }
    return file;
  }

  /** Writes {@code count} messages as NDJSON, each body unique. */
  public static Path messages(Path dir, int count) throws IOException {
    Path file = dir.resolve("messages.ndjson");
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (int i = 0; i < count; i++) {
        w.write("{\"body\":\"{\\\"job\\\":" + i + "}\",\"attributes\":{\"n\":" + i + "}}\n");
      }
    }
    return file;
  }

  /** Writes {@code count} files of 1-8 KiB of random bytes under nested directories. */
  public static Path objects(Path dir, int count) throws IOException {
    Path root = dir.resolve("objects");
    Random random = new Random(42);
    for (int i = 0; i < count; i++) {
      Path file = root.resolve("d" + (i % 10)).resolve("obj-" + i + ".bin");
      Files.createDirectories(file.getParent());
      byte[] bytes = new byte[1024 + random.nextInt(7 * 1024)];
      random.nextBytes(bytes);
      Files.write(file, bytes);
    }
    return root;
  }

  public static QueueSpec queue(String name) {
    return new QueueSpec(Origin.NONE, name, null, null, null, null, false, false);
  }

  public static SeedSpec seed(String bucket, Path objects, String table, Path items, String queue, Path messages) {
    return new SeedSpec(
        List.of(new SeedSpec.BucketSeed(Origin.NONE, bucket, objects, "")),
        List.of(new SeedSpec.TableSeed(Origin.NONE, table, items)),
        List.of(new SeedSpec.QueueSeed(Origin.NONE, queue, messages)),
        List.of());
  }
}
