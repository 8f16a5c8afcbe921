package io.devenv.core;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;

/**
 * User-supplied text made safe to print on a terminal. Names, descriptions, paths and file
 * excerpts come from profiles anyone can write: printed raw, an ESC sequence can retitle or clear
 * the terminal, U+202E can reverse what a line appears to say, a newline can forge a second line.
 *
 * <p>Escapes are JSON's ({@code \n}, {@code \t}, {@code \u001b}), so escaped text stays valid
 * inside a JSON string too.
 */
public final class Text {
  /** How many characters of a file's line an error may quote. */
  public static final int EXCERPT_LIMIT = 80;

  private Text() {}

  /** The text with every control, bidi-override, line-separator and lone-surrogate character escaped. */
  public static String escape(String text) {
    if (text == null) {
      return "null";
    }
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean lone = Character.isSurrogate(c) && !pairedAt(text, i);
      if (!unsafe(c) && !lone) {
        if (out != null) {
          out.append(c);
        }
        continue;
      }
      if (out == null) {
        out = new StringBuilder(text.length() + 16).append(text, 0, i);
      }
      appendEscape(out, c);
    }
    if (out == null) {
      return text;
    }
    return out.toString();
  }

  /** A short escaped excerpt of one line: at most {@link #EXCERPT_LIMIT} characters, then "…". */
  public static String excerpt(String line) {
    String shown = line.length() > EXCERPT_LIMIT ? line.substring(0, EXCERPT_LIMIT) : line;
    if (shown.length() > 0 && Character.isHighSurrogate(shown.charAt(shown.length() - 1))) {
      shown = shown.substring(0, shown.length() - 1);
    }
    return escape(shown) + (shown.length() < line.length() ? "…" : "");
  }

  /**
   * Whether a character must not reach a terminal raw: C0/C1 controls (ESC, NUL, CR, BEL...) other
   * than newline and tab, DEL, bidi controls, line/paragraph separators, zero-width space, BOM.
   */
  public static boolean unsafeOnTerminal(char c) {
    return c != '\n' && c != '\t' && unsafe(c);
  }

  /**
   * A writer that escapes every character {@link #unsafeOnTerminal} finds: the last line of
   * defence for all of devenv's output, where a user string escaped nowhere else would land.
   */
  public static Writer terminalSafe(Writer target) {
    return new FilterWriter(target) {
      @Override
      public void write(int c) throws IOException {
        if (unsafeOnTerminal((char) c)) {
          StringBuilder s = new StringBuilder();
          appendEscape(s, (char) c);
          out.write(s.toString());
        } else {
          out.write(c);
        }
      }

      @Override
      public void write(char[] chars, int off, int len) throws IOException {
        int start = off;
        for (int i = off; i < off + len; i++) {
          if (unsafeOnTerminal(chars[i])) {
            out.write(chars, start, i - start);
            write(chars[i]);
            start = i + 1;
          }
        }
        out.write(chars, start, off + len - start);
      }

      @Override
      public void write(String s, int off, int len) throws IOException {
        write(s.toCharArray(), off, len);
      }
    };
  }

  private static boolean unsafe(char c) {
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
      return true;
    }
    return c == '\u061c' || c == '\u200b' || c == '\u200e' || c == '\u200f' || (c >= '\u202a' && c <= '\u202e')
        || (c >= '\u2066' && c <= '\u2069') || c == '\u2028' || c == '\u2029' || c == '\ufeff';
  }

  private static boolean pairedAt(String text, int i) {
    char c = text.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
    }
    return i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
  }

  private static void appendEscape(StringBuilder out, char c) {
    switch (c) {
      case '\n' -> out.append("\\n");
      case '\t' -> out.append("\\t");
      case '\r' -> out.append("\\r");
      default -> out.append(String.format("\\u%04x", (int) c));
    }
  }
}
