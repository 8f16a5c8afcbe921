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
    private final boolean nested;

    UnsetException(String name, boolean nested) {
      super(nested ? "${" + name + ":-...} has a ${...} inside its default" : "${" + name + "} has no value and no default");
      this.name = name;
      this.nested = nested;
    }

    public String name() {
      return name;
    }

    /** Whether the placeholder's default holds another placeholder, which is not supported. */
    public boolean nested() {
      return nested;
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
        if (m.group(2) != null && m.group(2).contains("${")) {
          // ${a:-${b}} would otherwise read as default "${b" followed by a stray "}"
          throw new UnsetException(m.group(1), true);
        }
        String value = lookup.apply(m.group(1));
        if (value == null) {
          value = m.group(2);
        }
        if (value == null) {
          throw new UnsetException(m.group(1), false);
        }
        replacement = value;
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }
}
