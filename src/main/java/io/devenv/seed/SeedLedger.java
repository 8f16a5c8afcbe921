package io.devenv.seed;

import io.devenv.aws.AwsClients;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * The record of which items and messages were loaded, kept in the emulator itself as SSM
 * parameters under {@code /devenv/seed/PROFILE/KIND/TARGET/part-N}. It lives and dies with the
 * emulator's state: an emulator that restarted empty has no record, and is seeded again.
 *
 * <p>Each record is a set of 48-bit record ids ({@link SeedRecord#id}), written 500 to a
 * parameter (4,000 base64 characters, within the standard tier's 4 KB), appended in the order the
 * service acknowledged them, so a flush rewrites only the last part or two.
 */
final class SeedLedger {
  static final String ROOT = "/devenv/seed";
  static final int IDS_PER_PART = 500;
  private static final int ID_BYTES = 6;

  private final AwsClients aws;
  private final String profile;
  /** The emulator is known to hold nothing yet, so no record either: none is read. */
  private final boolean empty;

  SeedLedger(AwsClients aws, String profile) {
    this(aws, profile, false);
  }

  SeedLedger(AwsClients aws, String profile, boolean empty) {
    this.aws = aws;
    this.profile = sanitize(profile);
    this.empty = empty;
  }

  /** The record of one seed target, read from the emulator (empty, unread, on an emulator known to be). */
  Entry open(String kind, String target) {
    String path = ROOT + "/" + profile + "/" + kind + "/" + sanitize(target);
    if (empty) {
      return new Entry(path, new LongList());
    }
    Map<Integer, String> parts = new TreeMap<>();
    for (Parameter p : aws.ssm().getParametersByPathPaginator(r -> r.path(path).recursive(false))
        .stream().flatMap(page -> page.parameters().stream()).toList()) {
      String name = p.name().substring(p.name().lastIndexOf('/') + 1);
      if (name.startsWith("part-")) {
        parts.put(Integer.parseInt(name.substring(5)), p.value());
      }
    }
    LongList ids = new LongList();
    parts.values().forEach(value -> decode(value, ids::add));
    return new Entry(path, ids);
  }

  /** A path segment SSM accepts: letters, digits and {@code _.-}. */
  static String sanitize(String name) {
    return name.replaceAll("[^A-Za-z0-9_.-]", "_");
  }

  static String encode(List<Long> ids) {
    ByteBuffer buffer = ByteBuffer.allocate(ids.size() * ID_BYTES);
    for (long id : ids) {
      for (int shift = (ID_BYTES - 1) * 8; shift >= 0; shift -= 8) {
        buffer.put((byte) (id >>> shift));
      }
    }
    return Base64.getEncoder().encodeToString(buffer.array());
  }

  static void decode(String value, List<Long> into) {
    decode(value, (java.util.function.LongConsumer) into::add);
  }

  static void decode(String value, java.util.function.LongConsumer into) {
    byte[] bytes = Base64.getDecoder().decode(value);
    for (int i = 0; i + ID_BYTES <= bytes.length; i += ID_BYTES) {
      long id = 0;
      for (int j = 0; j < ID_BYTES; j++) {
        id = (id << 8) | (bytes[i + j] & 0xff);
      }
      into.accept(id);
    }
  }

  /**
   * The ids of one target: which records the emulator already has. Thread-safe. Kept in primitive
   * arrays (about 20 bytes an id), as a file of millions of records has millions of ids.
   */
  final class Entry {
    private final String path;
    private final LongList ids;
    private final LongTable known;
    private int flushed;
    private int parts;
    private final ReentrantLock flushing = new ReentrantLock();
    private final AtomicBoolean pending = new AtomicBoolean();
    private volatile long lastFlush = System.nanoTime();

    private Entry(String path, LongList ids) {
      this.path = path;
      this.ids = ids;
      this.known = new LongTable(ids.size());
      for (int i = 0; i < ids.size(); i++) {
        known.put(ids.get(i), 1);
      }
      this.flushed = ids.size();
      this.parts = (ids.size() + IDS_PER_PART - 1) / IDS_PER_PART;
    }

    synchronized boolean contains(long id) {
      return known.contains(id);
    }

    synchronized int size() {
      return ids.size();
    }

    /** Records that the service acknowledged these records. */
    synchronized void add(List<Long> acknowledged) {
      for (long id : acknowledged) {
        add(id);
      }
    }

    synchronized void add(long id) {
      if (known.put(id, 1)) {
        ids.add(id);
      }
    }

    /**
     * Writes what was added since the last flush. When another thread is flushing, returns at
     * once: that thread writes these ids too before it lets go.
     */
    void flush() {
      pending.set(true);
      while (pending.get() && flushing.tryLock()) {
        try {
          pending.set(false);
          writeNew();
        } finally {
          flushing.unlock();
        }
      }
    }

    /**
     * Flushes when the last flush is older than {@code interval}: for records whose loss costs
     * only a rewrite (table items), a crash may repeat a second of work rather than slow all of it.
     */
    void flushIfDue(java.time.Duration interval) {
      if (System.nanoTime() - lastFlush >= interval.toNanos()) {
        flush();
      }
    }

    /** Like {@link #flush} but waits for a flush in progress, so that everything is written on return. */
    void flushAll() {
      flushing.lock();
      try {
        pending.set(false);
        writeNew();
      } finally {
        flushing.unlock();
      }
    }

    private void writeNew() {
      List<Long> snapshot;
      int from;
      synchronized (this) {
        if (ids.size() == flushed) {
          return;
        }
        from = flushed / IDS_PER_PART * IDS_PER_PART;
        snapshot = ids.slice(from, ids.size());
      }
      for (int start = 0; start < snapshot.size(); start += IDS_PER_PART) {
        int part = (from + start) / IDS_PER_PART;
        String value = encode(snapshot.subList(start, Math.min(snapshot.size(), start + IDS_PER_PART)));
        aws.ssm().putParameter(r -> r.name(path + "/part-" + part).value(value).type(ParameterType.STRING).overwrite(true));
        parts = Math.max(parts, part + 1);
      }
      synchronized (this) {
        flushed = Math.max(flushed, from + snapshot.size());
      }
      lastFlush = System.nanoTime();
    }

    /** Forgets every record: for {@code --reset}, after the target itself was emptied. */
    void clear() {
      flushing.lock();
      try {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < parts; i++) {
          names.add(path + "/part-" + i);
        }
        for (int i = 0; i < names.size(); i += 10) {
          List<String> slice = names.subList(i, Math.min(names.size(), i + 10));
          aws.ssm().deleteParameters(r -> r.names(slice));
        }
        synchronized (this) {
          ids.clear();
          known.clear();
          flushed = 0;
          parts = 0;
        }
      } finally {
        flushing.unlock();
      }
    }
  }
}
