package io.devenv.seed;

import java.io.IOException;
import java.io.InputStream;

/**
 * The lines of a stream, read a buffer at a time (not a byte at a time) and handed out in place:
 * a line is a range of {@link #buffer}, valid until the next call to {@link #next}. The buffer
 * grows only for a long line, up to {@code maxLine} bytes; a longer line is reported, not read.
 */
final class LineReader implements AutoCloseable {
  private static final int CHUNK = 1 << 16;

  private final InputStream in;
  private final int maxLine;
  private byte[] buffer = new byte[CHUNK];
  /** Bytes read and not yet handed out: {@code buffer[next, end)}. */
  private int next;
  private int end;
  private int lineStart;
  private int lineLength;
  private int number;
  private boolean tooLong;
  private boolean eof;

  LineReader(InputStream in, int maxLine) {
    this.in = in;
    this.maxLine = maxLine;
  }

  /** Moves to the next line (without its '\n'); false at the end of the stream. */
  boolean next() throws IOException {
    int scanned = next;
    while (true) {
      for (int i = scanned; i < end; i++) {
        if (buffer[i] == '\n') {
          return line(i, i + 1);
        }
      }
      scanned = end;
      if (end - next > maxLine) {
        return line(end, end); // too long; the caller stops here
      }
      if (eof) {
        return next < end && line(end, end);
      }
      scanned -= fill();
    }
  }

  private boolean line(int stop, int resume) {
    lineStart = next;
    lineLength = stop - next;
    tooLong = lineLength > maxLine;
    next = resume;
    number++;
    return true;
  }

  /** Reads more; returns by how much the unread bytes moved towards the buffer's start. */
  private int fill() throws IOException {
    int shift = next;
    if (shift > 0) {
      System.arraycopy(buffer, next, buffer, 0, end - next);
      end -= next;
      next = 0;
    }
    if (end == buffer.length) {
      byte[] larger = new byte[(int) Math.min((long) buffer.length * 2, (long) maxLine + CHUNK)];
      System.arraycopy(buffer, 0, larger, 0, end);
      buffer = larger;
    }
    int n = in.read(buffer, end, buffer.length - end);
    if (n < 0) {
      eof = true;
    } else {
      end += n;
    }
    return shift;
  }

  byte[] buffer() {
    return buffer;
  }

  int start() {
    return lineStart;
  }

  int length() {
    return lineLength;
  }

  /** The line's number, from 1. */
  int number() {
    return number;
  }

  /** Whether the line is longer than {@code maxLine} bytes (and was not read whole). */
  boolean tooLong() {
    return tooLong;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
