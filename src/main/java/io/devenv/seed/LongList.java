package io.devenv.seed;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A growable list of longs in one array: 8 bytes a value, where a {@code List<Long>} takes about 28. */
final class LongList {
  private long[] values = new long[16];
  private int size;

  void add(long value) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size++] = value;
  }

  long get(int index) {
    if (index >= size) {
      throw new IndexOutOfBoundsException(index);
    }
    return values[index];
  }

  int size() {
    return size;
  }

  void clear() {
    size = 0;
  }

  /** A copy of {@code [from, to)}, boxed: for the few hundred values written at once. */
  List<Long> slice(int from, int to) {
    List<Long> slice = new ArrayList<>(to - from);
    for (int i = from; i < to; i++) {
      slice.add(values[i]);
    }
    return slice;
  }
}
