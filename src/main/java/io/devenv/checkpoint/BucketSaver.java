package io.devenv.checkpoint;

import io.devenv.core.DevenvException;
import io.devenv.core.Progress;
import io.devenv.seed.KnownObjects;
import io.devenv.seed.ObjectProperties;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Downloads every object of a bucket into a directory tree (key = relative path, as a bucket seed
 * reads it), each streamed to its file, several at once; their content type, metadata and other
 * headers go to an {@code objects} NDJSON file, one line per key.
 */
final class BucketSaver {
  private static final int PROGRESS_EVERY = 1_000;

  private final S3Client s3;
  private final ExecutorService pool;
  private final Progress progress;

  BucketSaver(S3Client s3, ExecutorService pool, Progress progress) {
    this.s3 = s3;
    this.pool = pool;
    this.progress = progress;
  }

  /** The file beside {@code objects} that lists the objects' versions a restore may trust (see {@link KnownObjects}). */
  static Path versionsFile(Path objectsFile) {
    String name = objectsFile.getFileName().toString();
    return objectsFile.resolveSibling(name.substring(0, name.length() - ".objects.ndjson".length()) + ".versions.ndjson");
  }

  Manifest.Bucket save(String bucket, Path tree, Path objectsFile) throws IOException {
    Files.createDirectories(tree);
    List<S3Object> listing = new ArrayList<>();
    s3.listObjectsV2Paginator(r -> r.bucket(bucket)).contents().forEach(listing::add);
    for (S3Object o : listing) {
      file(tree, bucket, o.key());
    }
    Map<String, ObjectProperties> properties = new TreeMap<>();
    Map<String, KnownObjects.Version> versions = new TreeMap<>();
    AtomicInteger done = new AtomicInteger();
    AtomicLong bytes = new AtomicLong();
    List<CompletableFuture<Void>> downloads = new ArrayList<>();
    for (S3Object o : listing) {
      downloads.add(CompletableFuture.runAsync(() -> {
        Downloaded d = download(bucket, o.key(), file(tree, bucket, o.key()), bytes);
        synchronized (properties) {
          properties.put(o.key(), d.properties());
          if (d.version() != null) {
            versions.put(o.key(), d.version());
          }
        }
        if (done.incrementAndGet() % PROGRESS_EVERY == 0) {
          progress.info("  bucket " + bucket + ": " + done.get() + " of " + listing.size() + " objects saved");
        }
      }, pool));
    }
    try {
      CompletableFuture.allOf(downloads.toArray(CompletableFuture[]::new)).join();
    } catch (java.util.concurrent.CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
    try (BufferedWriter out = Files.newBufferedWriter(objectsFile, StandardCharsets.UTF_8)) {
      for (ObjectProperties p : properties.values()) {
        out.write(Manifest.LINE.writeValueAsString(p.toJson()));
        out.write('\n');
      }
    }
    Path versionsFile = versionsFile(objectsFile);
    try (BufferedWriter out = Files.newBufferedWriter(versionsFile, StandardCharsets.UTF_8)) {
      for (Map.Entry<String, KnownObjects.Version> v : versions.entrySet()) {
        out.write(Manifest.LINE.writeValueAsString(Map.of("key", v.getKey(), "eTag", v.getValue().eTag(),
            "lastModified", v.getValue().lastModified().toString())));
        out.write('\n');
      }
    }
    return new Manifest.Bucket(bucket, listing.size(), bytes.get(), hash(tree, objectsFile));
  }

  /** The versions a checkpoint's bucket recorded, by key; none when it recorded none (older checkpoints). */
  static Map<String, KnownObjects.Version> versions(Path objectsFile) throws IOException {
    Map<String, KnownObjects.Version> versions = new java.util.HashMap<>();
    Path file = versionsFile(objectsFile);
    if (!Files.exists(file)) {
      return versions;
    }
    try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
      for (String line : (Iterable<String>) lines::iterator) {
        if (!line.isBlank()) {
          var n = Manifest.JSON.readTree(line);
          versions.put(n.get("key").asText(), new KnownObjects.Version(n.get("eTag").asText(), Instant.parse(n.get("lastModified").asText())));
        }
      }
    }
    return versions;
  }

  /** The tree, its properties and (when written) its versions, as one hash. */
  static String hash(Path tree, Path objectsFile) throws IOException {
    Path versions = versionsFile(objectsFile);
    return Files.exists(versions) ? Hashes.combined(Hashes.tree(tree), Hashes.file(objectsFile), Hashes.file(versions))
        : Hashes.combined(Hashes.tree(tree), Hashes.file(objectsFile));
  }

  /** What one download gives: the headers, and the version they belong to when a restore may trust it. */
  private record Downloaded(ObjectProperties properties, KnownObjects.Version version) {}

  private Downloaded download(String bucket, String key, Path file, AtomicLong bytes) {
    try {
      Files.createDirectories(file.getParent());
      try (ResponseInputStream<GetObjectResponse> in = s3.getObject(r -> r.bucket(bucket).key(key))) {
        bytes.addAndGet(Files.copy(in, file));
        GetObjectResponse r = in.response();
        return new Downloaded(ObjectProperties.of(key, r), trusted(r));
      }
    } catch (FileAlreadyExistsException | NotDirectoryException e) {
      throw unsaveable(bucket, key, "another key is both a file and a folder at " + e.getFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The object's version, when its LastModified is at least two seconds before the emulator's
   * Date of this answer: a write after this read then gives it another LastModified (to the
   * second), so a restore that finds the same ETag and LastModified knows the headers saved here.
   */
  static KnownObjects.Version trusted(GetObjectResponse r) {
    if (r.eTag() == null || r.lastModified() == null) {
      return null;
    }
    Instant date;
    try {
      date = r.sdkHttpResponse().firstMatchingHeader("Date")
          .map(d -> ZonedDateTime.parse(d, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant()).orElse(null);
    } catch (DateTimeParseException e) {
      return null;
    }
    if (date == null || r.lastModified().getEpochSecond() > date.getEpochSecond() - 2) {
      return null;
    }
    return new KnownObjects.Version(r.eTag().replace("\"", ""), r.lastModified());
  }

  /** The file a key is saved as; fails for keys a directory tree cannot hold. */
  static Path file(Path tree, String bucket, String key) {
    String[] segments = key.split("/", -1);
    Path file = tree;
    for (String s : segments) {
      if (s.isEmpty() || s.equals(".") || s.equals("..") || s.indexOf('\0') >= 0 || s.indexOf('\\') >= 0) {
        throw unsaveable(bucket, key, "keys with empty, '.' or '..' segments, a trailing '/' or a backslash have no file");
      }
      file = file.resolve(s);
    }
    return file;
  }

  private static DevenvException unsaveable(String bucket, String key, String why) {
    return DevenvException.failure("bucket " + bucket + ": object '" + key + "' cannot be saved in a checkpoint: " + why
        + " (see docs/checkpoints.md, known limitations)", null);
  }
}
