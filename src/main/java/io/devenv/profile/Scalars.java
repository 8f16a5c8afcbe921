package io.devenv.profile;

import io.devenv.profile.yaml.YamlNode.Scalar;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import io.devenv.core.Durations;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Converts one YAML scalar to the Java type of a record component (text, numbers, booleans,
 * durations, paths, URLs, enums), reporting a value of the wrong kind as a {@link Problem}.
 */
final class Scalars {


  private final List<Problem> problems;

  Scalars(List<Problem> problems) {
    this.problems = problems;
  }

  /** The value of {@code s} as {@code raw}, or null after reporting why it is not one. */
  Object convert(Scalar s, Class<?> raw, String path) {
    if (raw == String.class) {
      return s.text();
    }
    if (raw == int.class || raw == Integer.class || raw == long.class || raw == Long.class) {
      Long value = asLong(s);
      boolean isInt = raw == int.class || raw == Integer.class;
      if (s.value() instanceof BigInteger || value != null && isInt && (value > Integer.MAX_VALUE || value < Integer.MIN_VALUE)) {
        problems.add(new Problem(s.origin(), path + " is out of range: " + s.text()));
        return null;
      }
      if (value == null) {
        return wrongType(s, path, "a whole number");
      }
      return raw == int.class || raw == Integer.class ? (Object) value.intValue() : value;
    }
    if (raw == boolean.class || raw == Boolean.class) {
      if (s.value() instanceof Boolean b) {
        return b;
      }
      if ("true".equals(s.text()) || "false".equals(s.text())) {
        return Boolean.parseBoolean(s.text());
      }
      return wrongType(s, path, "true or false");
    }
    if (raw == Duration.class) {
      if (s.text().strip().matches("0+(ms|s|m|h)?")) {
        problems.add(new Problem(s.origin(), path + " must be longer than zero, not '" + s.text().strip()
            + "'; write how long to wait, such as 90s, 5m or 1h"));
        return null;
      }
      return Durations.parse(s.text()).map(Object.class::cast)
          .orElseGet(() -> wrongType(s, path, "a duration such as 90s, 5m or 1h"));
    }
    if (raw == Path.class) {
      if (s.text().isBlank()) {
        return wrongType(s, path, "a path");
      }
      Path base = s.origin().file() == null ? Path.of("") : s.origin().file().toAbsolutePath().getParent();
      return base.resolve(s.text()).normalize();
    }
    if (raw == URI.class) {
      try {
        URI uri = new URI(s.text());
        if (uri.getScheme() != null && uri.getScheme().matches("https?") && uri.getHost() != null) {
          return uri;
        }
      } catch (URISyntaxException e) {
        // reported below
      }
      return wrongType(s, path, "a URL such as http://127.0.0.1:4566");
    }
    if (raw.isEnum()) {
      for (Object constant : raw.getEnumConstants()) {
        if (constant.toString().equals(s.text())) {
          return constant;
        }
      }
      List<String> allowed = Arrays.stream(raw.getEnumConstants()).map(Object::toString).toList();
      String hint = Suggestions.closest(s.text(), allowed).map(x -> " (did you mean '" + x + "'?)").orElse("");
      problems.add(new Problem(s.origin(), path + " must be one of " + String.join(", ", allowed) + ", not '"
          + s.text() + "'" + hint));
      return null;
    }
    throw new IllegalStateException("no binding for " + raw + " at " + path);
  }

  private static Long asLong(Scalar s) {
    Object v = s.value();
    if (v instanceof Long l) {
      return l;
    }
    if (v instanceof BigInteger || v instanceof BigDecimal) {
      return null;
    }
    if (v instanceof String text && text.matches("-?\\d{1,18}")) {
      return Long.parseLong(text);
    }
    return null;
  }

  private Object wrongType(Scalar s, String path, String expected) {
    problems.add(new Problem(s.origin(), path + " must be " + expected + ", not " + s.describe()));
    return null;
  }

  /** What a value of this type looks like, for "must be ..." messages. */
  static String expectation(Class<?> raw) {
    if (raw == int.class || raw == Integer.class || raw == long.class || raw == Long.class) {
      return "a whole number";
    }
    if (raw == boolean.class || raw == Boolean.class) {
      return "true or false";
    }
    return "a single value";
  }
}
