package io.devenv.profile.yaml;

import io.devenv.profile.Origin;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML value that remembers where it was written. Jackson's tree model forgets locations; a
 * profile's messages must name file, line and column long after parsing, through extends merges.
 */
public sealed interface YamlNode permits YamlNode.Mapping, YamlNode.Sequence, YamlNode.Scalar {

  Origin origin();

  /** What kind of value this is, for messages: "a map", "a list", "text", "a number"... */
  String describe();

  /** A map; keys keep the order they were written in. */
  record Mapping(Origin origin, Map<String, Entry> entries) implements YamlNode {
    public Mapping {
      entries = new LinkedHashMap<>(entries);
    }

    public YamlNode get(String key) {
      Entry entry = entries.get(key);
      return entry == null ? null : entry.value();
    }

    @Override
    public String describe() {
      return "a map";
    }
  }

  /** One key of a map with the place the key was written. */
  record Entry(Origin keyOrigin, YamlNode value) {}

  record Sequence(Origin origin, List<YamlNode> items) implements YamlNode {
    public Sequence {
      items = List.copyOf(items);
    }

    @Override
    public String describe() {
      return "a list";
    }
  }

  /**
   * A scalar.
   *
   * @param value a String, Long, BigInteger, Double, BigDecimal, Boolean, or null
   * @param text the scalar as written (numbers keep their spelling: {@code 1.10} stays "1.10")
   */
  record Scalar(Origin origin, Object value, String text) implements YamlNode {
    /** The value of a scalar whose placeholder could not be filled (already reported). */
    public static final Object UNRESOLVED = new Object() {
      @Override
      public String toString() {
        return "<unresolved>";
      }
    };

    public boolean isUnresolved() {
      return value == UNRESOLVED;
    }

    public boolean isNull() {
      return value == null;
    }

    public Scalar withText(String newText) {
      return new Scalar(origin, newText, newText);
    }

    @Override
    public String describe() {
      if (value == null) {
        return "nothing (null)";
      }
      if (value instanceof Boolean) {
        return "a boolean (" + text + ")";
      }
      if (value instanceof Number) {
        return "a number (" + text + ")";
      }
      // an excerpt only: the text may be a whole file that was never meant to be a profile
      return "text '" + io.devenv.core.Text.excerpt(text.lines().findFirst().orElse("")) + (text.contains("\n") ? "…" : "") + "'";
    }
  }

  /** Turns a node into plain Java values (Map, List, String, Number, Boolean, null). */
  static Object toPlain(YamlNode node) {
    if (node instanceof Mapping m) {
      Map<String, Object> map = new LinkedHashMap<>();
      m.entries().forEach((k, e) -> map.put(k, toPlain(e.value())));
      return map;
    }
    if (node instanceof Sequence s) {
      return s.items().stream().map(YamlNode::toPlain).toList();
    }
    return ((Scalar) node).value();
  }
}
