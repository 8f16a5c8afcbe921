package io.devenv.seed;

import io.devenv.aws.AwsClients;
import io.devenv.core.DevenvException;
import io.devenv.profile.SeedSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Uploads a directory tree to a bucket: each file's key is the prefix plus its path relative to
 * the directory, with '/' separators and its name as is (non-ASCII included); its Content-Type
 * comes from its extension. An object whose size and MD5 (its ETag) match the file is skipped,
 * so the bucket itself is the record of what was loaded.
 */
final class BucketSeeder extends SeedTarget {
  private final AwsClients aws;
  private final SeedSpec.BucketSeed seed;
  private final List<Upload> uploads = new ArrayList<>();
  private Map<String, ObjectProperties> properties = Map.of();
  private final List<String> stale = new ArrayList<>();

  /** @param sameBytes the object holds these bytes already: only its headers may differ (on reset) */
  private record Upload(Path file, String key, ObjectProperties properties, boolean sameBytes) {}

  private final KnownObjects known;
  /** The bucket was just created on an emulator known to be empty: it holds no object, none is listed. */
  private final boolean empty;

  BucketSeeder(AwsClients aws, SeedSpec.BucketSeed seed) {
    this(aws, seed, KnownObjects.NONE, false);
  }

  BucketSeeder(AwsClients aws, SeedSpec.BucketSeed seed, KnownObjects known, boolean empty) {
    super("bucket", seed.bucket());
    this.aws = aws;
    this.seed = seed;
    this.known = known;
    this.empty = empty;
  }

  /** Every regular file under the directory, with its key, in a stable order. */
  static List<Map.Entry<Path, String>> files(Path dir, String prefix) {
    if (!Files.isDirectory(dir)) {
      throw DevenvException.invalid(dir + ": seed directory does not exist");
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile).sorted()
          .map(f -> Map.entry(f, key(prefix, dir.relativize(f))))
          .toList();
    } catch (IOException e) {
      throw new DevenvException(2, dir + ": cannot list the seed directory (" + e.getMessage() + ")", e);
    }
  }

  static String key(String prefix, Path relative) {
    List<String> parts = new ArrayList<>();
    relative.forEach(p -> parts.add(p.toString()));
    return (prefix == null ? "" : prefix) + String.join("/", parts);
  }

  @Override
  void prepare(boolean reset) {
    List<Map.Entry<Path, String>> files = files(seed.from(), seed.prefix());
    total = files.size();
    properties = ObjectProperties.read(seed.objects());
    if (seed.objects() != null) {
      java.util.Set<String> relative = new java.util.HashSet<>();
      files.forEach(f -> relative.add(key("", seed.from().relativize(f.getKey()))));
      ObjectProperties.checkKnown(seed.objects(), properties, relative);
    }
    Map<String, S3Object> existing = empty ? Map.of() : listing();
    java.util.Set<String> keys = new java.util.HashSet<>();
    for (Map.Entry<Path, String> f : files) {
      keys.add(f.getValue());
      S3Object object = existing.get(f.getValue());
      boolean sameBytes = object != null && sameContent(f.getKey(), object);
      // On reset, an object whose headers are known to be the saved ones (see KnownObjects) needs no HeadObject either.
      if (sameBytes && (!reset || known.unchanged(seed.bucket(), object))) {
        skipped++;
      } else {
        // On reset an object with the same bytes is still uploaded when its headers differ: asked when its turn comes.
        uploads.add(new Upload(f.getKey(), f.getValue(), properties.get(key("", seed.from().relativize(f.getKey()))), sameBytes));
      }
    }
    existing.keySet().stream().filter(k -> !keys.contains(k)).forEach(stale::add);
  }

  private Map<String, S3Object> listing() {
    Map<String, S3Object> map = new HashMap<>();
    String prefix = seed.prefix() == null ? "" : seed.prefix();
    try {
      aws.s3().listObjectsV2Paginator(r -> r.bucket(seed.bucket()).prefix(prefix)).contents()
          .forEach(o -> map.put(o.key(), o));
    } catch (NoSuchBucketException e) {
      throw DevenvException.invalid(seed.origin() + ": bucket " + seed.bucket() + " does not exist: declare it under aws.buckets");
    }
    return map;
  }

  private static boolean sameContent(Path file, S3Object object) {
    try {
      if (object.size() == null || object.size() != Files.size(file)) {
        return false;
      }
      String etag = object.eTag() == null ? "" : object.eTag().replace("\"", "");
      return etag.equalsIgnoreCase(md5(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String md5(Path file) throws IOException {
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("MD5"))) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
      return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is missing from this JVM", e);
    }
  }

  /** On reset: deletes the objects under the prefix that the seed does not hold; the rest are overwritten. */
  @Override
  void clear() {
    List<ObjectIdentifier> keys = stale.stream().map(k -> ObjectIdentifier.builder().key(k).build()).toList();
    for (int i = 0; i < keys.size(); i += 1000) {
      List<ObjectIdentifier> slice = keys.subList(i, Math.min(keys.size(), i + 1000));
      aws.s3().deleteObjects(r -> r.bucket(seed.bucket()).delete(d -> d.objects(slice).quiet(true)));
    }
  }

  @Override
  List<Runnable> units() {
    return uploads.stream().<Runnable>map(u -> () -> {
      String byExtension = ContentTypes.of(u.file().getFileName().toString());
      if (u.sameBytes() && ObjectProperties.matches(u.properties(),
          aws.s3().headObject(r -> r.bucket(seed.bucket()).key(u.key())), byExtension)) {
        countUnchanged();
        return;
      }
      aws.s3().putObject(r -> {
        r.bucket(seed.bucket()).key(u.key());
        if (u.properties() == null) {
          r.contentType(byExtension);
        } else {
          u.properties().apply(r, byExtension);
        }
      }, RequestBody.fromFile(u.file()));
      loaded.incrementAndGet();
    }).toList();
  }

  private synchronized void countUnchanged() {
    skipped++;
  }

  @Override
  String verb() {
    return "uploaded";
  }
}
