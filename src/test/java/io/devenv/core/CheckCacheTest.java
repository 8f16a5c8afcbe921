package io.devenv.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The offline-check cache: a speed-up that never changes a result and never fails a run. */
class CheckCacheTest {
  /** Files are trusted once this old here (in production: {@link CheckCache#SETTLE_NANOS}). */
  private static final long SETTLE = TimeUnit.MILLISECONDS.toNanos(30);

  @TempDir
  Path dir;

  private final AtomicInteger checks = new AtomicInteger();

  /** A check that counts its runs and returns the file's length and first line. */
  private Result check(CheckCache cache, Path file) {
    return cache.get("test", List.of(file), "options", RESULT, () -> {
      checks.incrementAndGet();
      try {
        String text = Files.readString(file);
        return new Result(text.length(), text.lines().findFirst().orElse(""));
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
  }

  record Result(int length, String firstLine) {}

  private static final CheckCache.Codec<Result> RESULT = new CheckCache.Codec<>(
      r -> CheckCache.nodes().objectNode().put("length", r.length()).put("firstLine", r.firstLine()),
      n -> new Result(n.required("length").intValue(), n.required("firstLine").textValue()));

  private static final CheckCache.Codec<String> TEXT = new CheckCache.Codec<>(CheckCache.nodes()::textNode,
      n -> java.util.Objects.requireNonNull(n.textValue()));

  private Path settledFile(String content) throws Exception {
    Path file = dir.resolve("input.txt");
    Files.writeString(file, content);
    Thread.sleep(TimeUnit.NANOSECONDS.toMillis(SETTLE) * 3);
    return file;
  }

  @Test
  @DisplayName("A second run over an unchanged file gets the first run's result without checking again")
  void hitWithoutChecking() throws Exception {
    Path file = settledFile("line one\nline two\n");

    Result first = check(CheckCache.at(dir.resolve("cache"), SETTLE), file);
    Result second = check(CheckCache.at(dir.resolve("cache"), SETTLE), file);

    assertThat(second).as("the cached result").isEqualTo(first).isEqualTo(new Result(18, "line one"));
    assertThat(checks).as("checks run: the second came from disk").hasValue(1);
  }

  @Test
  @DisplayName("A file changed to the same size, its modification time put back, is checked again")
  void sameSizeSameMtimeIsRechecked() throws Exception {
    Path file = settledFile("aaaa\n");
    FileTime mtime = Files.getLastModifiedTime(file);
    check(CheckCache.at(dir.resolve("cache"), SETTLE), file);

    Files.writeString(file, "bbbb\n");
    Files.setLastModifiedTime(file, mtime);
    Thread.sleep(100);
    Result after = check(CheckCache.at(dir.resolve("cache"), SETTLE), file);

    assertThat(after.firstLine()).as("the new content's result, not the cached one").isEqualTo("bbbb");
    assertThat(checks).hasValue(2);
  }

  @Test
  @DisplayName("A file replaced by another (new inode, same size and times) is checked again")
  void replacedFileIsRechecked() throws Exception {
    Path file = settledFile("aaaa\n");
    FileTime mtime = Files.getLastModifiedTime(file);
    check(CheckCache.at(dir.resolve("cache"), SETTLE), file);

    Path other = dir.resolve("other.txt");
    Files.writeString(other, "cccc\n");
    Files.setLastModifiedTime(other, mtime);
    Files.move(other, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Result after = check(CheckCache.at(dir.resolve("cache"), SETTLE), file);

    assertThat(after.firstLine()).isEqualTo("cccc");
  }

  @Test
  @DisplayName("A file written just before the check is not cached: it could change again within its timestamps' tick")
  void freshFileIsNotCached() throws Exception {
    Path file = dir.resolve("fresh.txt");
    Files.writeString(file, "x\n");

    check(CheckCache.at(dir.resolve("cache"), CheckCache.SETTLE_NANOS), file);
    check(CheckCache.at(dir.resolve("cache"), CheckCache.SETTLE_NANOS), file);

    assertThat(checks).as("both runs checked the file").hasValue(2);
  }

  @Test
  @DisplayName("A corrupt, truncated or foreign cache entry is ignored: the check runs and its result replaces the entry")
  void corruptEntryIgnored() throws Exception {
    Path file = settledFile("real\n");
    check(CheckCache.at(dir.resolve("cache"), SETTLE), file);
    List<Path> entries = entries();
    assertThat(entries).hasSize(1);

    String realKey = new ObjectMapper().readTree(Files.readString(entries.get(0))).get("key").asText();
    List<String> damaged = List.of("{not json", "", "{\"key\":\"x\",\"value\":{}}", "[1,2]",
        "{\"value\":{\"length\":5,\"firstLine\":\"forged\"}}",
        "{\"key\":\"" + realKey + "\",\"value\":{\"length\":2}}", // an older layout: a field missing
        "{\"key\":\"" + realKey + "\",\"value\":\"text\"}");
    for (String garbage : damaged) {
      Files.writeString(entries.get(0), garbage);
      Result r = check(CheckCache.at(dir.resolve("cache"), SETTLE), file);
      assertThat(r).as("after an entry of %s", garbage).isEqualTo(new Result(5, "real"));
    }
    assertThat(checks).as("every damaged entry meant a check").hasValue(1 + damaged.size());
    assertThat(check(CheckCache.at(dir.resolve("cache"), SETTLE), file)).isEqualTo(new Result(5, "real"));
    assertThat(checks).as("and the rewritten entry is used again").hasValue(1 + damaged.size());
  }

  @Test
  @DisplayName("A cache that cannot be written (its directory is a file) is no error: every run checks")
  void unwritableCache() throws Exception {
    Path file = settledFile("data\n");
    Path notADirectory = dir.resolve("blocked");
    Files.writeString(notADirectory, "a file where the cache directory would be");

    Result first = check(CheckCache.at(notADirectory.resolve("cache"), SETTLE), file);
    Result second = check(CheckCache.at(notADirectory.resolve("cache"), SETTLE), file);

    assertThat(first).isEqualTo(second).isEqualTo(new Result(5, "data"));
    assertThat(checks).hasValue(2);
  }

  @Test
  @DisplayName("A check that fails is not cached: the next run checks again")
  void failureNotCached() throws Exception {
    Path file = settledFile("data\n");
    for (int i = 0; i < 2; i++) {
      try {
        CheckCache.at(dir.resolve("cache"), SETTLE).get("test", List.of(file), "", RESULT, () -> {
          checks.incrementAndGet();
          throw DevenvException.invalid("broken");
        });
      } catch (DevenvException expected) {
        assertThat(expected.getMessage()).isEqualTo("broken");
      }
    }
    assertThat(checks).hasValue(2);
    assertThat(entries()).isEmpty();
  }

  @Test
  @DisplayName("Runs writing the same entry at once leave a whole entry, and no temporary file")
  void concurrentWritersNeverTear() throws Exception {
    Path file = settledFile("x".repeat(200_000) + "\n");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Result>> runs = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        // Each its own cache, as separate processes would be: all miss, all write.
        runs.add(pool.submit(() -> CheckCache.at(dir.resolve("cache"), SETTLE).get("test", List.of(file), "", RESULT,
            () -> new Result(200_001, "x".repeat(200_000)))));
      }
      for (Future<Result> run : runs) {
        assertThat(run.get().length()).isEqualTo(200_001);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(entries()).hasSize(1);
    assertThat(new ObjectMapper().readTree(Files.readString(entries().get(0), StandardCharsets.UTF_8)).path("value").path("length").asInt())
        .as("the entry parses whole").isEqualTo(200_001);
    try (Stream<Path> all = Files.list(dir.resolve("cache"))) {
      assertThat(all.map(p -> p.getFileName().toString())).as("no temporary left").noneMatch(n -> n.endsWith(".tmp"));
    }
  }

  @Test
  @DisplayName("A directory input is walked: a file added, removed or changed under it misses")
  void directoryInputs() throws Exception {
    Path tree = dir.resolve("chart");
    Files.createDirectories(tree.resolve("templates"));
    Files.writeString(tree.resolve("templates/a.yaml"), "a\n");
    Thread.sleep(100);
    java.util.function.Supplier<String> run = () -> CheckCache.at(dir.resolve("cache"), SETTLE).get("tree", List.of(tree), "",
        TEXT, () -> {
          checks.incrementAndGet();
          return "checked";
        });
    run.get();
    run.get();
    assertThat(checks).as("unchanged tree: one check").hasValue(1);

    Files.writeString(tree.resolve("templates/b.yaml"), "b\n");
    Thread.sleep(100);
    run.get();
    assertThat(checks).as("a file added deep in the tree").hasValue(2);
    Files.delete(tree.resolve("templates/b.yaml"));
    Thread.sleep(100);
    run.get();
    assertThat(checks).as("a file removed").hasValue(3);
  }

  @Test
  @DisplayName("Other options are other entries: a result for one set of inputs never answers another")
  void optionsAreKeyed() throws Exception {
    Path file = settledFile("v\n");
    CheckCache cache = CheckCache.at(dir.resolve("cache"), SETTLE);
    String a = cache.get("test", List.of(file), "values a", TEXT, () -> "A");
    String b = CheckCache.at(dir.resolve("cache"), SETTLE).get("test", List.of(file), "values b", TEXT, () -> "B");
    assertThat(a).isEqualTo("A");
    assertThat(b).isEqualTo("B");
  }

  @Test
  @DisplayName("The directory stays bounded: old temporaries of killed runs and the oldest entries beyond 256 are removed")
  void pruned() throws Exception {
    Path cache = dir.resolve("cache");
    Files.createDirectories(cache);
    FileTime old = FileTime.fromMillis(System.currentTimeMillis() - 7_200_000L);
    for (int i = 0; i < 300; i++) {
      Path stale = cache.resolve("test-stale" + i + ".json");
      Files.writeString(stale, "{}");
      Files.setLastModifiedTime(stale, old);
    }
    Path killed = cache.resolve(".test-x.json123.tmp");
    Files.writeString(killed, "{\"key\":");
    Files.setLastModifiedTime(killed, old);
    Path writing = cache.resolve(".test-y.json456.tmp");
    Files.writeString(writing, "{\"key\":");
    Path file = settledFile("data\n");

    check(CheckCache.at(cache, SETTLE), file);

    assertThat(entries()).as("entries after the write").hasSizeLessThanOrEqualTo(CheckCache.MAX_FILES);
    assertThat(check(CheckCache.at(cache, SETTLE), file)).isEqualTo(new Result(5, "data"));
    assertThat(checks).as("the new entry survived the pruning").hasValue(1);
    assertThat(killed).as("a temporary an hour old").doesNotExist();
    assertThat(writing).as("a temporary another run may be writing").exists();
  }

  private List<Path> entries() throws IOException {
    if (!Files.isDirectory(dir.resolve("cache"))) {
      return List.of();
    }
    try (Stream<Path> list = Files.list(dir.resolve("cache"))) {
      return list.filter(p -> p.getFileName().toString().endsWith(".json")).toList();
    }
  }
}
