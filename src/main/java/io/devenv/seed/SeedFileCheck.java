package io.devenv.seed;

import io.devenv.core.CheckCache;
import io.devenv.core.DevenvException;
import java.nio.file.Path;
import java.util.List;

/**
 * One seed file read through once without AWS: how many records it holds and every problem in it (up to
 * {@link #PER_FILE}), as {@code validate} reports them and {@code plan} counts them; kept in the
 * {@link CheckCache} so an unchanged file is not read again.
 *
 * @param records the JSON objects read (those after a problem included, when reading went on)
 * @param problems each as "file:line:column: message"; empty when the file is fine
 */
public record SeedFileCheck(int records, List<String> problems) {

  /** Problems listed per seed file at most; a broken 1 GB file would otherwise print a million lines. */
  public static final int PER_FILE = 20;

  public SeedFileCheck {
    problems = List.copyOf(problems);
  }

  /** The file's check, from the cache when the file did not change. */
  public static SeedFileCheck of(Path file, CheckCache cache) {
    // Messages name the file relative to the working directory: a run from elsewhere checks afresh.
    String options = "per-file " + PER_FILE + "; cwd " + Path.of("").toAbsolutePath();
    return cache.get("seed-file", List.of(file), options, CODEC, () -> read(file));
  }

  private static final CheckCache.Codec<SeedFileCheck> CODEC = new CheckCache.Codec<>(
      check -> {
        var node = CheckCache.nodes().objectNode().put("records", check.records());
        check.problems().forEach(node.putArray("problems")::add);
        return node;
      },
      node -> {
        List<String> problems = new java.util.ArrayList<>();
        node.required("problems").forEach(p -> problems.add(p.textValue()));
        return new SeedFileCheck(node.required("records").intValue(), problems);
      });

  /** Reads the whole file (streamed): every record counted, every problem (up to the limit) kept. */
  static SeedFileCheck read(Path file) {
    int[] records = {0};
    List<String> problems = SeedFileReader.problems(file, PER_FILE, record -> {
      records[0]++;
      return null;
    });
    return new SeedFileCheck(records[0], problems);
  }

  /**
   * @return the number of records
   * @throws DevenvException (exit 2) with the file's first problem, as reading it for a seed would
   */
  public int count() {
    if (!problems.isEmpty()) {
      throw DevenvException.invalid(problems.get(0));
    }
    return records;
  }
}
