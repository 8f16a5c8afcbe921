package io.devenv.profile;

import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills {@code ${name}} and {@code ${name:-default}} in text; {@code $${} stays a literal
 * {@code ${}. Shared by profiles and manifests so both read placeholders the same way.
 */
public final class Interpolation {

  private static final Pattern PLACEHOLDER =
      Pattern.compile("\\$\\$\\{|\\$\\{([A-Za-z_][A-Za-z0-9_.-]*)(?::-([^}]*))?}");

  /** A placeholder that has no value and no default. */
  public static final class UnsetException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String name;

    UnsetException(String name) {
      super("${" + name + "} has no value and no default");
      this.name = name;
    }

    public String name() {
      return name;
    }
  }

  private Interpolation() {}

  /**
   * @param lookup a name's value, or null when it has none
   * @throws UnsetException for the first placeholder with no value and no default
   */
  public static String fill(String text, Function<String, String> lookup) throws UnsetException {
    if (text.indexOf('$') < 0) {
      return text;
    }
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String replacement;
      if (m.group(1) == null) {
        replacement = "${";
      } else {
        String value = lookup.apply(m.group(1));
        if (value == null) {
          value = m.group(2);
        }
        if (value == null) {
          throw new UnsetException(m.group(1));
        }
        replacement = value;
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }
}
