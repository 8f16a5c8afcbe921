package io.devenv.checkpoint;

import io.devenv.core.DevenvException;
import io.devenv.core.Progress;
import io.devenv.seed.ObjectProperties;
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

  Manifest.Bucket save(String bucket, Path tree, Path objectsFile) throws IOException {
    Files.createDirectories(tree);
    List<S3Object> listing = new ArrayList<>();
    s3.listObjectsV2Paginator(r -> r.bucket(bucket)).contents().forEach(listing::add);
    for (S3Object o : listing) {
      file(tree, bucket, o.key());
    }
    Map<String, ObjectProperties> properties = new TreeMap<>();
    AtomicInteger done = new AtomicInteger();
    AtomicLong bytes = new AtomicLong();
    List<CompletableFuture<Void>> downloads = new ArrayList<>();
    for (S3Object o : listing) {
      downloads.add(CompletableFuture.runAsync(() -> {
        ObjectProperties p = download(bucket, o.key(), file(tree, bucket, o.key()), bytes);
        synchronized (properties) {
          properties.put(o.key(), p);
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
    return new Manifest.Bucket(bucket, listing.size(), bytes.get(), Hashes.combined(Hashes.tree(tree), Hashes.file(objectsFile)));
  }

  private ObjectProperties download(String bucket, String key, Path file, AtomicLong bytes) {
    try {
      Files.createDirectories(file.getParent());
      try (ResponseInputStream<GetObjectResponse> in = s3.getObject(r -> r.bucket(bucket).key(key))) {
        bytes.addAndGet(Files.copy(in, file));
        return ObjectProperties.of(key, in.response());
      }
    } catch (FileAlreadyExistsException | NotDirectoryException e) {
      throw unsaveable(bucket, key, "another key is both a file and a folder at " + e.getFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
