package io.devenv.profile;

/** One thing wrong with a profile, and where. */
public record Problem(Origin origin, String message) implements Comparable<Problem> {

  @Override
  public String toString() {
    // Messages quote names, keys and paths from the profile: escaped, so they cannot drive the terminal.
    return io.devenv.core.Text.escape(origin + ": " + shortQuotes(message));
  }

  /** A value quoted from the profile ('...') is cut to a short excerpt: the line stays readable. */
  static String shortQuotes(String message) {
    java.util.regex.Matcher m = LONG_QUOTE.matcher(message);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement("'" + io.devenv.core.Text.excerpt(m.group(1)) + "'"));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static final java.util.regex.Pattern LONG_QUOTE =
      java.util.regex.Pattern.compile("'([^'\\s]{" + (io.devenv.core.Text.EXCERPT_LIMIT + 1) + ",})'");

  @Override
  public int compareTo(Problem other) {
    int byFile = origin.displayFile().compareTo(other.origin.displayFile());
    if (byFile != 0) {
      return byFile;
    }
    int byLine = Integer.compare(origin.line(), other.origin.line());
    return byLine != 0 ? byLine : Integer.compare(origin.column(), other.origin.column());
  }
}
