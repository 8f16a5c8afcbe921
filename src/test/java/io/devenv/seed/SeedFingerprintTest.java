package io.devenv.seed;

import static org.assertj.core.api.Assertions.assertThat;

import io.devenv.profile.Origin;
import io.devenv.profile.SeedSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeedFingerprintTest {

  @TempDir
  Path dir;

  private Path devenv;
  private Path objects;
  private Path items;
  private SeedSpec seed;

  @BeforeEach
  void files() throws Exception {
    devenv = dir.resolve(".devenv");
    objects = Files.createDirectories(dir.resolve("objects/sub"));
    Files.writeString(objects.resolve("a.txt"), "a");
    Files.writeString(objects.resolve("b.txt"), "b");
    items = Files.writeString(dir.resolve("items.ndjson"), "{\"id\":\"1\"}\n");
    seed = new SeedSpec(
        List.of(new SeedSpec.BucketSeed(Origin.NONE, "bucket", dir.resolve("objects"), "")),
        List.of(new SeedSpec.TableSeed(Origin.NONE, "table", items)),
        List.of(),
        List.of());
  }

  @Test
  @DisplayName("unchanged files are not read again, by a new run reading the cache from .devenv/")
  void cached() {
    String first = new SeedFingerprint(devenv).of(seed);

    SeedFingerprint again = new SeedFingerprint(devenv);
    String second = again.of(seed);

    assertThat(second).as("same files, same hash").isEqualTo(first);
    assertThat(again.filesRead()).as("every file came from the cache").isZero();
    assertThat(devenv.resolve(SeedFingerprint.CACHE_FILE)).exists();
  }

  @Test
  @DisplayName("a changed, added or renamed file changes the hash; only the changed file is read")
  void changes() throws Exception {
    String before = new SeedFingerprint(devenv).of(seed);

    Files.writeString(items, "{\"id\":\"2\"}\n");
    SeedFingerprint changed = new SeedFingerprint(devenv);
    String afterChange = changed.of(seed);
    assertThat(afterChange).isNotEqualTo(before);
    assertThat(changed.filesRead()).as("only the changed file").isEqualTo(1);

    Files.writeString(objects.resolve("c.txt"), "c");
    String afterAdd = new SeedFingerprint(devenv).of(seed);
    assertThat(afterAdd).isNotEqualTo(afterChange);

    Files.move(objects.resolve("c.txt"), objects.resolve("d.txt"));
    assertThat(new SeedFingerprint(devenv).of(seed)).as("a key is the relative path").isNotEqualTo(afterAdd);
  }

  @Test
  @DisplayName("same size and time but a different cache entry is trusted; a different time is read again")
  void keyedBySizeAndTime() throws Exception {
    new SeedFingerprint(devenv).of(seed);
    FileTime time = Files.getLastModifiedTime(items);
    Files.writeString(items, "{\"id\":\"9\"}\n"); // same size
    Files.setLastModifiedTime(items, FileTime.fromMillis(time.toMillis() + 1000));

    SeedFingerprint run = new SeedFingerprint(devenv);
    run.of(seed);

    assertThat(run.filesRead()).as("a new modification time means read again").isEqualTo(1);
  }

  @Test
  @DisplayName("a damaged cache only costs a re-read")
  void damagedCache() throws Exception {
    String first = new SeedFingerprint(devenv).of(seed);
    Files.writeString(devenv.resolve(SeedFingerprint.CACHE_FILE), "x\tnot-a-number\t1\t/p\n");

    SeedFingerprint run = new SeedFingerprint(devenv);

    assertThat(run.of(seed)).isEqualTo(first);
    assertThat(run.filesRead()).isEqualTo(3);
  }
}
