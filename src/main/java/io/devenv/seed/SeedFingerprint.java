package io.devenv.seed;

import io.devenv.core.DevenvException;
import io.devenv.profile.SeedSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * One hash of everything the AWS seeds would load: each bucket's directory tree (relative paths
 * and contents), each table's and queue's file, with their targets. A file's content hash is
 * cached in {@code .devenv/seed-hashes.tsv} by path, size and modification time, so a file that
 * did not change is only looked at, never read again.
 */
public final class SeedFingerprint {
  static final String CACHE_FILE = "seed-hashes.tsv";

  private final Path cacheFile;
  private final Map<String, Cached> cache;
  private boolean changed;
  private int read;

  /** @param devenvDir the project's {@code .devenv/} directory, where the cache lives */
  public SeedFingerprint(Path devenvDir) {
    this.cacheFile = devenvDir.resolve(CACHE_FILE);
    this.cache = load(cacheFile);
  }

  /** The hash of the profile's bucket, table and queue seeds (ConfigMaps belong to Kubernetes). */
  public String of(SeedSpec seed) {
    MessageDigest all = sha256();
    for (SeedSpec.BucketSeed b : seed.buckets()) {
      line(all, "bucket\t" + b.bucket() + "\t" + b.prefix());
      tree(b.from()).forEach((relative, file) -> line(all, relative + "\t" + fileHash(file)));
    }
    for (SeedSpec.TableSeed t : seed.tables()) {
      line(all, "table\t" + t.table() + "\t" + fileHash(t.from()));
    }
    for (SeedSpec.QueueSeed q : seed.queues()) {
      line(all, "queue\t" + q.queue() + "\t" + fileHash(q.from()));
    }
    save();
    return HexFormat.of().formatHex(all.digest());
  }

  /** How many files had to be read (not found in the cache) by the last {@link #of}: for tests. */
  int filesRead() {
    return read;
  }

  /** The seed targets the hash covers. */
  public static int targets(SeedSpec seed) {
    return seed.buckets().size() + seed.tables().size() + seed.queues().size();
  }

  /** Regular files under {@code dir} by relative path, sorted. */
  private static Map<String, Path> tree(Path dir) {
    Map<String, Path> files = new TreeMap<>();
    if (!Files.isDirectory(dir)) {
      return files; // the seeder names the missing directory; the hash just cannot match
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.filter(Files::isRegularFile).forEach(f -> files.put(dir.relativize(f).toString().replace('\\', '/'), f));
    } catch (IOException e) {
      throw DevenvException.failure("Could not list seed directory " + dir + ": " + e.getMessage(), e);
    }
    return files;
  }

  private String fileHash(Path file) {
    String key = file.toAbsolutePath().normalize().toString();
    BasicFileAttributes attrs;
    try {
      attrs = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      return "missing";
    } catch (IOException e) {
      throw DevenvException.failure("Could not read seed file " + file + ": " + e.getMessage(), e);
    }
    long size = attrs.size();
    long mtime = attrs.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS);
    Cached hit = cache.get(key);
    if (hit != null && hit.size() == size && hit.mtimeNanos() == mtime) {
      return hit.sha256();
    }
    String hash = contentHash(file);
    read++;
    if (key.indexOf('\t') < 0 && key.indexOf('\n') < 0) {
      cache.put(key, new Cached(size, mtime, hash));
      changed = true;
    }
    return hash;
  }

  private static String contentHash(Path file) {
    MessageDigest digest = sha256();
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
    } catch (IOException e) {
      throw DevenvException.failure("Could not read seed file " + file + ": " + e.getMessage(), e);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static Map<String, Cached> load(Path cacheFile) {
    Map<String, Cached> entries = new HashMap<>();
    if (!Files.isRegularFile(cacheFile)) {
      return entries;
    }
    try {
      for (String line : Files.readAllLines(cacheFile, StandardCharsets.UTF_8)) {
        String[] f = line.split("\t", 4);
        if (f.length == 4) {
          entries.put(f[3], new Cached(Long.parseLong(f[1]), Long.parseLong(f[2]), f[0]));
        }
      }
    } catch (IOException | RuntimeException e) {
      // A damaged cache costs one re-read of every file, nothing else.
      entries.clear();
    }
    return entries;
  }

  private void save() {
    if (!changed) {
      return;
    }
    List<String> lines = new ArrayList<>();
    cache.forEach((path, c) -> lines.add(c.sha256() + "\t" + c.size() + "\t" + c.mtimeNanos() + "\t" + path));
    try {
      Files.createDirectories(cacheFile.getParent());
      Path tmp = Files.createTempFile(cacheFile.getParent(), "." + CACHE_FILE, ".tmp");
      try {
        Files.write(tmp, lines, StandardCharsets.UTF_8);
        try {
          Files.move(tmp, cacheFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, cacheFile, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
      changed = false;
    } catch (IOException e) {
      // Without the cache the next run reads the files again; it is no reason to fail this one.
    }
  }

  private static void line(MessageDigest digest, String line) {
    digest.update((line + "\n").getBytes(StandardCharsets.UTF_8));
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  private record Cached(long size, long mtimeNanos, String sha256) {}
}
