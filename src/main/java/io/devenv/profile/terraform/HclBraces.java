package io.devenv.profile.terraform;

import io.devenv.profile.Origin;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Checks that braces, brackets and parentheses of an HCL file balance, outside strings, comments
 * and heredocs. hcl4j's lexer silently drops a block that is never closed and ignores a stray
 * closing brace; this finds both and says where.
 */
final class HclBraces {

  private record Open(char ch, int line, int column) {}

  private HclBraces() {}

  /** @throws TerraformException at the first unbalanced brace, bracket or parenthesis */
  static void check(Path file, String text) {
    Deque<Open> open = new ArrayDeque<>();
    int line = 1;
    int column = 0;
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      column++;
      if (c == '\n') {
        line++;
        column = 0;
        i++;
      } else if (c == '#' || (c == '/' && i + 1 < n && text.charAt(i + 1) == '/')) {
        while (i < n && text.charAt(i) != '\n') {
          i++;
        }
      } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
        int end = text.indexOf("*/", i + 2);
        if (end < 0) {
          throw new TerraformException(new Origin(file, line, column), "comment /* is never closed");
        }
        for (int k = i; k < end + 2; k++) {
          if (text.charAt(k) == '\n') {
            line++;
            column = 0;
          } else {
            column++;
          }
        }
        column--;
        i = end + 2;
      } else if (c == '<' && text.startsWith("<<", i) && heredocMarker(text, i) != null) {
        String marker = heredocMarker(text, i);
        int startLine = line;
        int startColumn = column;
        int nl = text.indexOf('\n', i);
        i = nl;
        boolean closed = false;
        while (i >= 0 && i < n) {
          line++;
          int next = text.indexOf('\n', i + 1);
          String body = text.substring(i + 1, next < 0 ? n : next);
          i = next < 0 ? n : next;
          if (body.strip().equals(marker)) {
            closed = true;
            break;
          }
        }
        if (!closed) {
          throw new TerraformException(new Origin(file, startLine, startColumn), "heredoc <<" + marker + " is never closed");
        }
        column = 0;
      } else if (c == '"') {
        int close = skipString(file, text, i, line, column);
        for (int k = i + 1; k < close; k++) {
          if (text.charAt(k) == '\n') {
            line++;
            column = 0;
          } else {
            column++;
          }
        }
        i = close;
      } else if (c == '{' || c == '[' || c == '(') {
        open.push(new Open(c, line, column));
        i++;
      } else if (c == '}' || c == ']' || c == ')') {
        char expected = c == '}' ? '{' : c == ']' ? '[' : '(';
        if (open.isEmpty()) {
          throw new TerraformException(new Origin(file, line, column), "unexpected '" + c + "': nothing is open here");
        }
        Open top = open.pop();
        if (top.ch != expected) {
          throw new TerraformException(new Origin(file, line, column), "unexpected '" + c + "': the '" + top.ch
              + "' opened at line " + top.line + ", column " + top.column + " is not closed yet");
        }
        i++;
      } else {
        i++;
      }
    }
    if (!open.isEmpty()) {
      Open top = open.pop();
      throw new TerraformException(new Origin(file, top.line, top.column), "'" + top.ch + "' is never closed");
    }
  }

  /**
   * The index after the string that opens at {@code start}: escapes, and ${...} templates that
   * may hold strings of their own, are skipped.
   */
  private static int skipString(Path file, String text, int start, int line, int column) {
    int i = start + 1;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '\\') {
        i += 2;
      } else if (c == '"') {
        return i + 1;
      } else if (c == '\n') {
        break;
      } else if ((c == '$' || c == '%') && i + 1 < text.length() && text.charAt(i + 1) == '{') {
        int depth = 1;
        i += 2;
        while (i < text.length() && depth > 0) {
          char e = text.charAt(i);
          if (e == '"') {
            i = skipString(file, text, i, line, column);
            continue;
          }
          depth += e == '{' ? 1 : e == '}' ? -1 : 0;
          i++;
        }
      } else {
        i++;
      }
    }
    throw new TerraformException(new Origin(file, line, column), "string is never closed (a quoted string ends on its line)");
  }

  /** The marker of a heredoc starting at {@code i} ("<<EOT" or "<<-EOT"), or null. */
  private static String heredocMarker(String text, int i) {
    int k = i + 2;
    if (k < text.length() && text.charAt(k) == '-') {
      k++;
    }
    int start = k;
    while (k < text.length() && (Character.isLetterOrDigit(text.charAt(k)) || text.charAt(k) == '_')) {
      k++;
    }
    if (k == start) {
      return null;
    }
    int nl = text.indexOf('\n', k);
    return nl >= 0 && text.substring(k, nl).isBlank() ? text.substring(start, k) : null;
  }
}
