package io.devenv.profile;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What the validators share: the problem list, where each record and key was written, and the
 * checks every section uses (ranges, references, duplicates).
 */
final class Checks {

  private final List<Problem> problems;
  private final Locations locations;

  Checks(List<Problem> problems, Locations locations) {
    this.problems = problems;
    this.locations = locations;
  }

  void add(Origin at, String message) {
    problems.add(new Problem(at, message));
  }

  /** Where {@code key} of {@code record} was written (the record's start when it was left out). */
  Origin at(Object record, String key) {
    return locations.of(record, key);
  }

  Origin at(Object record) {
    return locations.of(record);
  }

  boolean isBound(Object record) {
    return locations.isBound(record);
  }

  boolean isWritten(Object record, String key) {
    return locations.isWritten(record, key);
  }

  /** Reports {@code key} of {@code record} when its value is outside [min, max]. */
  void range(Object record, String key, String what, Integer value, int min, int max) {
    Origin where = at(record, key);
    // A value that was not a number at all (1.5, "x") is already reported; its placeholder 0 is not a second problem.
    boolean reported = problems.stream().anyMatch(p -> p.origin().equals(where));
    if (value != null && !reported && (value < min || value > max)) {
      add(where, what + " must be between " + min + " and " + max + ", not " + value);
    }
  }

  /**
   * Reports a name that refers to nothing declared; returns what it refers to, or null.
   *
   * @param what the reference as the user reads it, e.g. "dead-letter queue 'x' of queue 'y'"
   */
  <T> T reference(Origin at, String what, String name, Map<String, T> declared, String section) {
    if (name == null) {
      return null;
    }
    T target = declared.get(name);
    if (target == null) {
      add(at, what + " is not declared in " + section + didYouMean(name, declared.keySet()));
    }
    return target;
  }

  /** The items by name; a name declared twice is reported at its second declaration. */
  <T> Map<String, T> byName(List<T> items, Function<T, String> name, String kind) {
    Map<String, T> out = new HashMap<>();
    for (T item : items) {
      String n = name.apply(item);
      if (n != null && out.putIfAbsent(n, item) != null) {
        Origin second = at(item, "name");
        add(second, kind + " '" + n + "' is declared twice (first at " + where(at(out.get(n), "name"), second)
            + "); keep one entry");
      }
    }
    return out;
  }

  /** "line 3" when {@code first} is in the same file as {@code from}, else the whole origin. */
  static String where(Origin first, Origin from) {
    return java.util.Objects.equals(first.file(), from.file()) ? "line " + first.line() : first.toString();
  }

  static String didYouMean(String input, Collection<String> candidates) {
    return Suggestions.closest(input, candidates).map(s -> " (did you mean '" + s + "'?)").orElse("");
  }
}
