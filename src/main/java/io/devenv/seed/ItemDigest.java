package io.devenv.seed;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A 64-bit digest of a DynamoDB item that is equal exactly when {@link AttributeValue#equals}
 * says the items are (attribute order aside, numbers as written, sets in order): what a reset
 * compares the file's items with the table's by, without holding either. Also an item's size.
 */
final class ItemDigest {
  private ItemDigest() {}

  static long of(Map<String, AttributeValue> item) {
    MessageDigest sha = SeedFingerprint.sha256();
    map(sha, item);
    byte[] d = sha.digest();
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (d[i] & 0xff);
    }
    return v;
  }

  private static void map(MessageDigest sha, Map<String, AttributeValue> m) {
    count(sha, m.size());
    for (Map.Entry<String, AttributeValue> e : new TreeMap<>(m).entrySet()) {
      text(sha, e.getKey());
      value(sha, e.getValue());
    }
  }

  private static void value(MessageDigest sha, AttributeValue v) {
    if (v.s() != null) {
      tag(sha, 'S');
      text(sha, v.s());
    } else if (v.n() != null) {
      tag(sha, 'N');
      text(sha, v.n());
    } else if (v.b() != null) {
      tag(sha, 'B');
      bytes(sha, v.b().asByteArray());
    } else if (v.bool() != null) {
      tag(sha, v.bool() ? 'T' : 'F');
    } else if (v.nul() != null) {
      tag(sha, v.nul() ? '0' : '1');
    } else if (v.hasSs()) {
      tag(sha, 's');
      texts(sha, v.ss());
    } else if (v.hasNs()) {
      tag(sha, 'n');
      texts(sha, v.ns());
    } else if (v.hasBs()) {
      tag(sha, 'b');
      count(sha, v.bs().size());
      v.bs().forEach(b -> bytes(sha, b.asByteArray()));
    } else if (v.hasM()) {
      tag(sha, 'M');
      map(sha, v.m());
    } else if (v.hasL()) {
      tag(sha, 'L');
      count(sha, v.l().size());
      v.l().forEach(x -> value(sha, x));
    } else {
      tag(sha, '?');
    }
  }

  /** About how many bytes the item takes, names and values: what a batch of it holds in memory. */
  static long size(Map<String, AttributeValue> item) {
    long n = 0;
    for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
      n += e.getKey().length() + size(e.getValue());
    }
    return n;
  }

  private static long size(AttributeValue v) {
    if (v.s() != null) {
      return v.s().length();
    } else if (v.n() != null) {
      return v.n().length();
    } else if (v.b() != null) {
      return v.b().asByteArrayUnsafe().length;
    } else if (v.hasSs() || v.hasNs()) {
      return (v.hasSs() ? v.ss() : v.ns()).stream().mapToLong(String::length).sum();
    } else if (v.hasBs()) {
      return v.bs().stream().mapToLong(b -> b.asByteArrayUnsafe().length).sum();
    } else if (v.hasM()) {
      return 3 + size(v.m());
    } else if (v.hasL()) {
      return 3 + v.l().stream().mapToLong(ItemDigest::size).sum();
    }
    return 1;
  }

  private static void texts(MessageDigest sha, List<String> values) {
    count(sha, values.size());
    values.forEach(t -> text(sha, t));
  }

  private static void tag(MessageDigest sha, char tag) {
    sha.update((byte) tag);
  }

  private static void text(MessageDigest sha, String s) {
    bytes(sha, s.getBytes(StandardCharsets.UTF_8));
  }

  private static void bytes(MessageDigest sha, byte[] b) {
    count(sha, b.length);
    sha.update(b);
  }

  private static void count(MessageDigest sha, int n) {
    sha.update(new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
  }
}
