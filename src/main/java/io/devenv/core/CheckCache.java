package io.devenv.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Results of offline checks (seed files read, manifests loaded) kept in {@code .devenv/cache/}, keyed
 * by the {@link FileSignature} of every file the check reads, the check's other inputs and this
 * devenv build, so {@code validate} and {@code plan} do not read unchanged files again. Only a speed-up:
 * a missing, corrupt or unwritable cache means the check runs; entries are written whole (a temporary
 * file renamed over the old one), so concurrent runs never see half of one.
 */
public final class CheckCache {

  /** A file written less than this before it is checked may still change without its timestamps moving. */
  public static final long SETTLE_NANOS = 2_000_000_000L;
  /** An entry larger than this is neither read nor written: a cache never costs more than the check. */
  static final long MAX_ENTRY_BYTES = 32L * 1024 * 1024;
  /** Entries kept at most; the oldest go first. */
  static final int MAX_FILES = 256;

  private final Path dir;
  private final long settleNanos;
  private final String build;
  /** This run's results by check, inputs and options. */
  private final Map<String, Object> memory = new HashMap<>();

  CheckCache(Path dir, long settleNanos, String build) {
    this.dir = dir;
    this.settleNanos = settleNanos;
    this.build = build;
  }

  /** The cache of a project: {@code <projectDir>/.devenv/cache}. */
  public static CheckCache of(Path projectDir) {
    String build = DevenvBuild.signed().orElse(null);
    return new CheckCache(build == null ? null : projectDir.resolve(".devenv").resolve("cache"), SETTLE_NANOS, build);
  }

  /** No disk: every check runs (once per run). */
  public static CheckCache none() {
    return new CheckCache(null, SETTLE_NANOS, "");
  }

  /** For tests: a cache in {@code dir} that trusts files older than {@code settleNanos}. */
  public static CheckCache at(Path dir, long settleNanos) {
    String build = DevenvBuild.signed().orElse(null);
    return new CheckCache(build == null ? null : dir, settleNanos, build);
  }

  /**
   * How a result is kept: to a JSON tree and back. Reading may throw anything on an entry that does not
   * fit (an older layout, a damaged file): that is a miss.
   */
  public record Codec<T>(Function<T, JsonNode> write, Function<JsonNode, T> read) {}

  /** The tree factory codecs build their JSON with. */
  public static com.fasterxml.jackson.databind.node.JsonNodeFactory nodes() {
    return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance;
  }

  /**
   * The result of {@code check} over {@code inputs}: from the cache when no input changed, else computed
   * (and stored when every input is settled). An exception from {@code check} is not cached: it propagates.
   *
   * @param kind names the check and its result type ("seed-file"); part of the key and the file name
   * @param inputs every file and directory the check reads (directories walked)
   * @param options every other input the result depends on, as text (hashed, never stored)
   */
  public <T> T get(String kind, List<Path> inputs, String options, Codec<T> codec, Supplier<T> check) {
    // Within one run the files are taken as they were at its first check: a second check is free.
    String runKey = kind + "\n" + options + "\n" + inputs;
    @SuppressWarnings("unchecked")
    T remembered = (T) memory.get(runKey);
    if (remembered != null) {
      return remembered;
    }
    T value = dir == null ? check.get() : fromDisk(kind, inputs, options, codec, check);
    memory.put(runKey, value);
    return value;
  }

  /** A check's result and what the check read to make it. */
  public record Found<T>(T value, Reads reads) {}

  /**
   * {@link #get(String, List, String, Codec, Supplier)} for a check that finds what it reads as it runs
   * (a profile and the files it names): the entry keeps the list of paths and environment variables the
   * check reported, and is used only while every one of them is as it was.
   *
   * @param subject what is checked (a profile: its absolute path): names the entry, part of its key
   * @param environment where the reported variables are looked up again (their values are hashed, never stored)
   */
  public <T> T get(String kind, String subject, Map<String, String> environment, Codec<T> codec,
      Supplier<Found<T>> check) {
    String runKey = kind + "\n" + subject;
    @SuppressWarnings("unchecked")
    T remembered = (T) memory.get(runKey);
    if (remembered != null) {
      return remembered;
    }
    T value = dir == null ? check.get().value() : fromDisk(kind, subject, environment, codec, check);
    memory.put(runKey, value);
    return value;
  }

  private <T> T fromDisk(String kind, String subject, Map<String, String> environment, Codec<T> codec,
      Supplier<Found<T>> check) {
    Path file = dir.resolve(kind + "-" + sha256(kind + "\n" + subject).substring(0, 24) + ".json");
    T cached = readFound(file, kind, subject, environment, codec);
    if (cached != null) {
      return cached;
    }
    long startedAt = System.currentTimeMillis() * 1_000_000L;
    Found<T> found = check.get();
    Optional<FileSignature> signature = FileSignature.of(found.reads().files());
    // Every file older than the check's start (by the settle time): none changed while it was read.
    if (signature.isPresent() && signature.get().settledBefore(startedAt - settleNanos)) {
      try {
        ObjectNode entry = nodes().objectNode();
        entry.put("key", foundKey(kind, subject, found.reads().variables(), environment, signature.get()));
        var files = entry.putArray("files");
        found.reads().files().forEach((path, depth) -> files.addArray().add(path.toString()).add(depth.name()));
        var variables = entry.putArray("variables");
        found.reads().variables().forEach(variables::add);
        entry.set("value", codec.write().apply(found.value()));
        write(file, entry);
      } catch (RuntimeException e) {
        // a value the codec cannot keep: the next run checks again
      }
    }
    return found.value();
  }

  private <T> T readFound(Path file, String kind, String subject, Map<String, String> environment, Codec<T> codec) {
    try {
      JsonNode entry = readEntry(file);
      if (entry == null || !entry.path("files").isArray() || !entry.path("variables").isArray() || !entry.has("value")) {
        return null;
      }
      Map<Path, FileSignature.Depth> files = new java.util.LinkedHashMap<>();
      for (JsonNode f : entry.get("files")) {
        files.put(Path.of(f.get(0).asText()), FileSignature.Depth.valueOf(f.get(1).asText()));
      }
      java.util.Set<String> variables = new java.util.TreeSet<>();
      entry.get("variables").forEach(v -> variables.add(v.asText()));
      Optional<FileSignature> signature = FileSignature.of(files);
      if (signature.isEmpty()
          || !foundKey(kind, subject, variables, environment, signature.get()).equals(entry.path("key").asText())) {
        return null;
      }
      return codec.read().apply(entry.get("value"));
    } catch (IOException | RuntimeException e) {
      return null; // a damaged entry is a miss, never an error
    }
  }

  /** The key of a found check: this build, the subject, the variables' values (hashed) and the files' signature. */
  private String foundKey(String kind, String subject, java.util.Set<String> variables, Map<String, String> environment,
      FileSignature signature) {
    StringBuilder text = new StringBuilder(kind).append('\n').append(build).append('\n').append(subject).append('\n');
    for (String name : variables) {
      String value = environment.get(name);
      text.append(name).append(value == null ? " unset" : "=" + value.length() + ":" + value).append('\n');
    }
    return sha256(text.append(signature.text()).toString());
  }

  private <T> T fromDisk(String kind, List<Path> inputs, String options, Codec<T> codec, Supplier<T> check) {
    long signedAt = System.currentTimeMillis() * 1_000_000L;
    Optional<FileSignature> signature = FileSignature.of(inputs);
    String key = sha256(kind + "\n" + build + "\n" + options + "\n" + signature.map(FileSignature::text).orElse("?"));
    // Named by what is checked, not by the files' state: a changed file replaces its entry.
    Path file = dir.resolve(kind + "-" + sha256(kind + "\n" + inputs + "\n" + options).substring(0, 24) + ".json");
    T value = signature.isPresent() ? read(file, key, codec) : null;
    if (value == null) {
      value = check.get();
      boolean settled = signature.isPresent() && signature.get().settledBefore(signedAt - settleNanos)
          && signature.equals(FileSignature.of(inputs)); // and unchanged while it was checked
      if (settled) {
        ObjectNode entry = nodes().objectNode();
        entry.put("key", key);
        entry.set("value", codec.write().apply(value));
        write(file, entry);
      }
    }
    return value;
  }

  /** An entry's JSON, or null when there is none (or one too large to be worth reading). */
  private static JsonNode readEntry(Path file) throws IOException {
    if (!Files.isRegularFile(file) || Files.size(file) > MAX_ENTRY_BYTES) {
      return null;
    }
    return JsonTrees.parse(Files.readAllBytes(file));
  }

  private static <T> T read(Path file, String key, Codec<T> codec) {
    try {
      JsonNode entry = readEntry(file);
      if (entry == null || !key.equals(entry.path("key").asText()) || !entry.has("value")) {
        return null;
      }
      return codec.read().apply(entry.get("value"));
    } catch (IOException | RuntimeException e) {
      return null; // a damaged entry is a miss, never an error
    }
  }

  private void write(Path file, ObjectNode entry) {
    Path temp = null;
    try {
      if (!Files.isDirectory(dir)) {
        Files.createDirectories(dir);
        // Ignored by git on its own, even where .devenv/ has no .gitignore yet.
        Files.writeString(dir.resolve(".gitignore"), "# written by devenv: nothing here belongs in git\n*\n");
      }
      // createTempFile makes the file readable by its owner only: check results may quote variables.
      byte[] bytes = JsonTrees.bytes(entry);
      if (bytes.length > MAX_ENTRY_BYTES) {
        return;
      }
      temp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
      Files.write(temp, bytes);
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
      prune();
    } catch (IOException | RuntimeException e) {
      // Without the entry the next run checks again; it is no reason to fail this one.
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // left for the next prune
        }
      }
    }
  }

  /** Keeps the directory bounded: temporaries a killed run left, then the least recently written entries, go. */
  private void prune() throws IOException {
    List<Path> entries;
    long hourAgo = System.currentTimeMillis() - 3_600_000L;
    try (Stream<Path> list = Files.list(dir)) {
      entries = list.filter(f -> {
        String name = f.getFileName().toString();
        if (name.endsWith(".tmp") && modified(f) < hourAgo) {
          delete(f);
          return false;
        }
        return name.endsWith(".json");
      }).toList();
    }
    if (entries.size() > MAX_FILES) {
      entries.stream()
          .sorted(java.util.Comparator.comparingLong(CheckCache::modified))
          .limit(entries.size() - MAX_FILES * 3L / 4)
          .forEach(CheckCache::delete);
    }
  }

  private static void delete(Path f) {
    try {
      Files.deleteIfExists(f);
    } catch (IOException ignored) {
      // another run removed it, or it cannot be removed: the next prune tries again
    }
  }

  private static long modified(Path f) {
    try {
      return Files.getLastModifiedTime(f).toMillis();
    } catch (IOException e) {
      return 0;
    }
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
