package io.devenv.kubernetes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills {@code ${name}} and {@code ${name:-default}} in manifest text; {@code $${} writes a literal
 * {@code ${}. Substitution is textual, before YAML parsing, as envsubst would do it, so a value
 * can be a number or a whole scalar. Shell variables without braces ({@code $HOME}) are left alone.
 */
final class Placeholders {

  /** A placeholder with no value, with the 1-based line of the text where it stands. */
  record Unknown(String name, int line) {}

  /** The substituted text and every unknown placeholder met on the way. */
  record Result(String text, List<Unknown> unknown) {}

  private static final Pattern PLACEHOLDER =
      Pattern.compile("\\$\\$\\{|\\$\\{([A-Za-z_][A-Za-z0-9_.-]*)(?::-([^}]*))?}");

  private Placeholders() {}

  static Result fill(String text, Map<String, String> values) {
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder(text.length());
    List<Unknown> unknown = new ArrayList<>();
    int last = 0;
    while (m.find()) {
      out.append(text, last, m.start());
      last = m.end();
      if (m.group(1) == null) {
        out.append("${"); // the $${ escape
        continue;
      }
      String value = values.get(m.group(1));
      if (value == null) {
        value = m.group(2);
      }
      if (value == null) {
        unknown.add(new Unknown(m.group(1), lineOf(text, m.start())));
        out.append(m.group());
      } else {
        out.append(value);
      }
    }
    out.append(text, last, text.length());
    return new Result(out.toString(), List.copyOf(unknown));
  }

  private static int lineOf(String text, int offset) {
    int line = 1;
    for (int i = 0; i < offset; i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }
}
