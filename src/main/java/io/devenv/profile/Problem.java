package io.devenv.profile;

/** One thing wrong with a profile, and where. */
public record Problem(Origin origin, String message) implements Comparable<Problem> {

  @Override
  public String toString() {
    return origin + ": " + message;
  }

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
