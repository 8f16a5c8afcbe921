package io.devenv.seed;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The ids of one pass over a seed file ({@link SeedRecord#id}): a 48-bit hash of a record's
 * content and of how many identical records came before it. Identical records are counted by a
 * 64-bit digest of their content, never by the content itself, so a pass keeps about 12 bytes
 * for each distinct record whatever its size.
 */
final class RecordIds {
  private final LongTable seen = new LongTable();
  private final MessageDigest sha = sha256();

  /** The id of the record whose content (its line without surrounding blanks) is these bytes. */
  long next(byte[] content, int offset, int length) {
    sha.reset();
    sha.update(content, offset, length);
    sha.update((byte) 0);
    MessageDigest occurrenceFree;
    try {
      occurrenceFree = (MessageDigest) sha.clone();
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("this JVM's SHA-256 cannot be cloned", e);
    }
    int occurrence = seen.increment(first(occurrenceFree.digest(), 8));
    sha.update(Integer.toString(occurrence).getBytes(StandardCharsets.US_ASCII));
    return first(sha.digest(), 6);
  }

  long next(String content) {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    return next(bytes, 0, bytes.length);
  }

  private static long first(byte[] digest, int bytes) {
    long v = 0;
    for (int i = 0; i < bytes; i++) {
      v = (v << 8) | (digest[i] & 0xff);
    }
    return v;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
