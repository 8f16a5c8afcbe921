package io.devenv.seed;

/**
 * A map from long to int in two primitive arrays (open addressing): 12 bytes an entry at most
 * twice over, where a {@code HashMap<Long, Integer>} takes about 80. Holds what a seed file's
 * records leave behind (ids, digests) when the records themselves are not kept. Not thread-safe.
 */
final class LongTable {
  private static final long EMPTY = 0;
  private long[] keys;
  private int[] values;
  private int size;
  /** The key 0 marks a free slot, so its value is kept aside. */
  private boolean hasZero;
  private int zeroValue;

  LongTable() {
    this(16);
  }

  LongTable(int expected) {
    int capacity = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
    keys = new long[capacity];
    values = new int[capacity];
  }

  int size() {
    return size + (hasZero ? 1 : 0);
  }

  boolean contains(long key) {
    return key == EMPTY ? hasZero : keys[slot(key)] == key;
  }

  /** The value of {@code key}, or {@code missing}. */
  int get(long key, int missing) {
    if (key == EMPTY) {
      return hasZero ? zeroValue : missing;
    }
    int i = slot(key);
    return keys[i] == key ? values[i] : missing;
  }

  /** Sets the value; returns whether the key is new. */
  boolean put(long key, int value) {
    if (key == EMPTY) {
      boolean added = !hasZero;
      hasZero = true;
      zeroValue = value;
      return added;
    }
    int i = slot(key);
    boolean added = keys[i] != key;
    if (added) {
      keys[i] = key;
      size++;
    }
    values[i] = value;
    if (added && size * 3 > keys.length * 2) {
      grow();
    }
    return added;
  }

  /** Adds one to the key's value (0 when absent) and returns the new value. */
  int increment(long key) {
    int next = get(key, 0) + 1;
    put(key, next);
    return next;
  }

  void clear() {
    java.util.Arrays.fill(keys, EMPTY);
    size = 0;
    hasZero = false;
  }

  /** The slot that holds {@code key}, or the free slot where it would go. */
  private int slot(long key) {
    int mask = keys.length - 1;
    int i = mix(key) & mask;
    while (keys[i] != EMPTY && keys[i] != key) {
      i = (i + 1) & mask;
    }
    return i;
  }

  static int mix(long key) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32));
  }

  private void grow() {
    long[] oldKeys = keys;
    int[] oldValues = values;
    keys = new long[oldKeys.length * 2];
    values = new int[oldKeys.length * 2];
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != EMPTY) {
        int j = slot(oldKeys[i]);
        keys[j] = oldKeys[i];
        values[j] = oldValues[i];
      }
    }
  }
}
