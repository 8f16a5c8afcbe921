package io.devenv.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TextTest {

  @Test
  @DisplayName("ESC, NUL, CR, newlines, C1 controls, bidi overrides and lone surrogates are escaped; the rest is kept")
  void escapes() {
    assertThat(Text.escape("a\u001b]0;pwned\u0007b")).isEqualTo("a\\u001b]0;pwned\\u0007b");
    assertThat(Text.escape("x\u0000y\r\nz\t")).isEqualTo("x\\u0000y\\r\\nz\\t");
    assertThat(Text.escape("\u009b2J \u202eevil \u2066")).isEqualTo("\\u009b2J \\u202eevil \\u2066");
    assertThat(Text.escape("\ud800")).isEqualTo("\\ud800");
    assertThat(Text.escape("café 日本 😀")).isEqualTo("café 日本 😀");
  }

  @Test
  @DisplayName("An excerpt is short, escaped, and marked as cut")
  void excerpt() {
    String line = "token: " + "s".repeat(200);
    assertThat(Text.excerpt(line)).hasSize(Text.EXCERPT_LIMIT + 1).endsWith("…");
    assertThat(Text.excerpt("a\u001bb")).isEqualTo("a\\u001bb");
  }

  @Test
  @DisplayName("The terminal-safe writer keeps newlines and tabs and escapes every other control character")
  void writer() {
    StringWriter target = new StringWriter();
    PrintWriter out = new PrintWriter(Text.terminalSafe(target), true);
    out.print("name\u001b[2J\tok\n\u202e");
    out.flush();
    assertThat(target.toString()).isEqualTo("name\\u001b[2J\tok\n\\u202e");
  }
}
