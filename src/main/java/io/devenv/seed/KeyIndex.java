package io.devenv.seed;

/**
 * What a table seeder keeps of its file between its two reads, per distinct key and never per
 * item: a 128-bit digest of the key, the position of the key's last record (the one written: the
 * later line wins), how many records have the key, whether the ledger holds all of them, and on
 * reset a digest of the item the file gives it. About 40 bytes a key, in primitive arrays.
 */
final class KeyIndex {
  private static final byte USED = 1;
  private static final byte KNOWN = 2;
  private static final byte SAME = 4;

  private long[] high = new long[16];
  private long[] low = new long[16];
  private int[] last = new int[16];
  private int[] count = new int[16];
  private long[] item = new long[16];
  private byte[] flags = new byte[16];
  private int size;

  int size() {
    return size;
  }

  /** Notes record {@code ordinal} of the file, with its key's digest, item digest and whether the ledger holds it. */
  void record(long keyHigh, long keyLow, int ordinal, long itemDigest, boolean known) {
    int i = slot(keyHigh, keyLow);
    if ((flags[i] & USED) == 0) {
      high[i] = keyHigh;
      low[i] = keyLow;
      flags[i] = (byte) (USED | KNOWN);
      size++;
    }
    last[i] = ordinal;
    count[i]++;
    item[i] = itemDigest;
    if (!known) {
      flags[i] &= ~KNOWN;
    }
    if (size * 3 > flags.length * 2) {
      grow();
    }
  }

  /** The key's slot, or -1 when the file has no such key. */
  int find(long keyHigh, long keyLow) {
    int i = slot(keyHigh, keyLow);
    return (flags[i] & USED) == 0 ? -1 : i;
  }

  int last(int slot) {
    return last[slot];
  }

  long itemDigest(int slot) {
    return item[slot];
  }

  boolean same(int slot) {
    return (flags[slot] & SAME) != 0;
  }

  void markSame(int slot) {
    flags[slot] |= SAME;
  }

  /** Without reset: a key is left alone when the ledger holds every record of it. */
  void markSameWhereKnown() {
    for (int i = 0; i < flags.length; i++) {
      if ((flags[i] & KNOWN) != 0) {
        flags[i] |= SAME;
      }
    }
  }

  /** Records of the keys left alone. */
  int sameRecords() {
    int n = 0;
    for (int i = 0; i < flags.length; i++) {
      if ((flags[i] & SAME) != 0) {
        n += count[i];
      }
    }
    return n;
  }

  /** Keys to write. */
  int keysToWrite() {
    int n = 0;
    for (byte f : flags) {
      if ((f & USED) != 0 && (f & SAME) == 0) {
        n++;
      }
    }
    return n;
  }

  private int slot(long keyHigh, long keyLow) {
    int mask = flags.length - 1;
    int i = LongTable.mix(keyHigh ^ keyLow) & mask;
    while ((flags[i] & USED) != 0 && (high[i] != keyHigh || low[i] != keyLow)) {
      i = (i + 1) & mask;
    }
    return i;
  }

  private void grow() {
    long[] oldHigh = high;
    long[] oldLow = low;
    int[] oldLast = last;
    int[] oldCount = count;
    long[] oldItem = item;
    byte[] oldFlags = flags;
    int n = oldFlags.length * 2;
    high = new long[n];
    low = new long[n];
    last = new int[n];
    count = new int[n];
    item = new long[n];
    flags = new byte[n];
    for (int i = 0; i < oldFlags.length; i++) {
      if ((oldFlags[i] & USED) != 0) {
        int j = slot(oldHigh[i], oldLow[i]);
        high[j] = oldHigh[i];
        low[j] = oldLow[i];
        last[j] = oldLast[i];
        count[j] = oldCount[i];
        item[j] = oldItem[i];
        flags[j] = oldFlags[i];
      }
    }
  }
}
