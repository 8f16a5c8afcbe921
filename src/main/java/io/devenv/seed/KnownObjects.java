package io.devenv.seed;

import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Objects whose headers are known without asking: a checkpoint read them at a time when their
 * LastModified was already in an earlier second, so any later write (bytes or headers) gives
 * them another LastModified. An object of a listing with the same ETag and LastModified (to the
 * second) still has those headers; a reset need not ask with HeadObject.
 *
 * @param byBucket per bucket, the ETag (without quotes) and LastModified by key
 */
public record KnownObjects(Map<String, Map<String, Version>> byBucket) {
  public static final KnownObjects NONE = new KnownObjects(Map.of());

  /** An object's ETag and LastModified when its headers were read. */
  public record Version(String eTag, Instant lastModified) {}

  public KnownObjects {
    byBucket = Map.copyOf(byBucket);
  }

  boolean unchanged(String bucket, S3Object listed) {
    Version v = byBucket.getOrDefault(bucket, Map.of()).get(listed.key());
    return v != null && listed.lastModified() != null && listed.eTag() != null
        && v.eTag().equalsIgnoreCase(listed.eTag().replace("\"", ""))
        && v.lastModified().getEpochSecond() == listed.lastModified().getEpochSecond();
  }
}
