package io.devenv.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What a file or directory tree looks like from its metadata alone: path, type, size, modification
 * and change times, inode, for every entry. Any write changes at least the change time, so two equal
 * signatures mean unchanged content (for files older than the timestamps' granularity, see
 * {@link #settledBefore}).
 *
 * @param text one line per entry, sorted, as the cache key takes it
 * @param newestNanos the latest modification or change time seen, in nanoseconds since the epoch
 */
public record FileSignature(String text, long newestNanos) {

  /** Trees with more entries than this are not signed: walking them would cost what the cache saves. */
  public static final int MAX_ENTRIES = 2_000;

  /** How much of a path a signature covers: what the check that read it depends on. */
  public enum Depth {
    /** Only whether it exists and as what (file, directory, other): a path checked, never read. */
    KIND,
    /** The entry itself: a file's content, a directory's list of names (its own times move when one is added or removed). */
    ENTRY,
    /** A file's content, or a directory and every entry below it, walked. */
    TREE
  }

  /** Files and directories (walked, links followed) as one signature; empty when one tree is too large. */
  public static Optional<FileSignature> of(List<Path> paths) {
    Map<Path, Depth> trees = new java.util.LinkedHashMap<>();
    paths.forEach(p -> trees.put(p, Depth.TREE));
    return of(trees);
  }

  /** Paths, each to its depth, as one signature (in the map's order); empty when one tree is too large. */
  public static Optional<FileSignature> of(Map<Path, Depth> paths) {
    StringBuilder text = new StringBuilder();
    long[] newest = {0};
    int[] entries = {0};
    for (Map.Entry<Path, Depth> input : paths.entrySet()) {
      Path abs = input.getKey().toAbsolutePath().normalize();
      if (input.getValue() == Depth.KIND) {
        text.append(abs).append('\t').append(kind(abs, newest)).append('\n');
        continue;
      }
      if (input.getValue() == Depth.ENTRY || !Files.isDirectory(abs)) {
        text.append(entry(abs, newest)).append('\n');
        continue;
      }
      try (Stream<Path> walk = Files.walk(abs, java.nio.file.FileVisitOption.FOLLOW_LINKS)) {
        List<String> lines = new ArrayList<>();
        for (var it = walk.iterator(); it.hasNext();) {
          if (++entries[0] > MAX_ENTRIES) {
            return Optional.empty();
          }
          lines.add(entry(it.next(), newest));
        }
        lines.sort(null);
        lines.forEach(l -> text.append(l).append('\n'));
      } catch (IOException | java.io.UncheckedIOException e) {
        return Optional.empty(); // a tree that cannot be walked is checked afresh, never cached
      }
    }
    return Optional.of(new FileSignature(text.toString(), newest[0]));
  }

  /**
   * Whether every timestamp is older than {@code instantNanos}: a file written in the same clock tick
   * as it was signed could change again without its timestamps moving, so it is not trusted yet.
   */
  public boolean settledBefore(long instantNanos) {
    return newestNanos < instantNanos;
  }

  /** "f", "d", "o" (another kind: a device, a FIFO) or "absent", links followed as the checks follow them. */
  private static String kind(Path path, long[] newest) {
    try {
      Map<String, Object> a = Files.readAttributes(path, "basic:isDirectory,isRegularFile");
      return Boolean.TRUE.equals(a.get("isDirectory")) ? "d" : Boolean.TRUE.equals(a.get("isRegularFile")) ? "f" : "o";
    } catch (NoSuchFileException e) {
      return "absent";
    } catch (IOException | RuntimeException e) {
      newest[0] = Long.MAX_VALUE; // never settled: a result that depends on it is not kept
      return "unreadable";
    }
  }

  private static String entry(Path path, long[] newest) {
    try {
      Map<String, Object> a = attributes(path);
      long mtime = ((java.nio.file.attribute.FileTime) a.get("lastModifiedTime")).to(TimeUnit.NANOSECONDS);
      Object c = a.get("ctime");
      long ctime = c instanceof java.nio.file.attribute.FileTime t ? t.to(TimeUnit.NANOSECONDS) : mtime;
      newest[0] = Math.max(newest[0], Math.max(mtime, ctime));
      String type = Boolean.TRUE.equals(a.get("isDirectory")) ? "d" : Boolean.TRUE.equals(a.get("isRegularFile")) ? "f" : "o";
      return path + "\t" + type + "\t" + a.get("size") + "\t" + mtime + "\t" + ctime + "\t" + a.getOrDefault("ino", "");
    } catch (NoSuchFileException e) {
      return path + "\tabsent";
    } catch (IOException | RuntimeException e) {
      // Unreadable metadata: a key that never matches, so the check runs (and reports the problem).
      newest[0] = Long.MAX_VALUE;
      return path + "\tunreadable";
    }
  }

  private static Map<String, Object> attributes(Path path) throws IOException {
    try {
      return Files.readAttributes(path, "unix:size,lastModifiedTime,ctime,ino,isDirectory,isRegularFile");
    } catch (UnsupportedOperationException | IllegalArgumentException e) {
      return Files.readAttributes(path, "basic:size,lastModifiedTime,isDirectory,isRegularFile");
    }
  }
}
