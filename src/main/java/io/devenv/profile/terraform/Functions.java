package io.devenv.profile.terraform;

import com.bertramlabs.plugins.hcl4j.RuntimeSymbols.Function;
import com.bertramlabs.plugins.hcl4j.symbols.Symbol;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.devenv.profile.Origin;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Terraform functions devenv evaluates: those a team uses to name and configure resources.
 * Any other is an error naming the function.
 */
final class Functions {

  static final List<String> SUPPORTED = List.of("jsonencode", "jsondecode", "toset", "tolist", "tomap", "tostring",
      "tonumber", "file", "format", "lower", "upper", "concat", "merge", "lookup", "length", "join", "replace",
      "trimspace", "coalesce", "try");

  private static final ObjectMapper JSON = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  private Functions() {}

  static Object call(Function f, Scope scope) {
    String name = f.getName();
    Origin at = scope.origin(f);
    List<List<Symbol>> argSymbols = Expressions.expressions(f.getChildren());
    if (name.equals("try")) {
      for (List<Symbol> arg : argSymbols) {
        try {
          return Expressions.sequence(arg, f, scope);
        } catch (TerraformException e) {
          // try the next one, as Terraform does
        }
      }
      throw new TerraformException(at, "no argument of try() could be evaluated");
    }
    if (!SUPPORTED.contains(name)) {
      throw new TerraformException(at, "the function " + name + "() is not supported by devenv (supported: "
          + String.join(", ", SUPPORTED) + ")");
    }
    List<Object> args = new ArrayList<>();
    for (List<Symbol> arg : argSymbols) {
      args.add(Expressions.sequence(arg, f, scope));
    }
    for (Object arg : args) {
      if (arg instanceof Unknown && !name.equals("coalesce")) {
        return arg;
      }
    }
    return switch (name) {
      case "jsonencode" -> jsonencode(arity(args, 1, name, at).get(0), at);
      case "jsondecode" -> jsondecode(Expressions.string(arity(args, 1, name, at).get(0), at), at);
      case "toset" -> new ArrayList<>(new LinkedHashSet<>(list(arity(args, 1, name, at).get(0), at)));
      case "tolist" -> list(arity(args, 1, name, at).get(0), at);
      case "tomap" -> map(arity(args, 1, name, at).get(0), at);
      case "tostring" -> Expressions.string(arity(args, 1, name, at).get(0), at);
      case "tonumber" -> Expressions.number(arity(args, 1, name, at).get(0), at);
      case "file" -> file(Expressions.string(arity(args, 1, name, at).get(0), at), scope, at);
      case "format" -> format(args, at);
      case "lower" -> Expressions.string(arity(args, 1, name, at).get(0), at).toLowerCase(Locale.ROOT);
      case "upper" -> Expressions.string(arity(args, 1, name, at).get(0), at).toUpperCase(Locale.ROOT);
      case "trimspace" -> Expressions.string(arity(args, 1, name, at).get(0), at).strip();
      case "concat" -> {
        List<Object> out = new ArrayList<>();
        args.forEach(a -> out.addAll(list(a, at)));
        yield out;
      }
      case "merge" -> {
        Map<String, Object> out = new LinkedHashMap<>();
        args.forEach(a -> out.putAll(map(a, at)));
        yield out;
      }
      case "lookup" -> lookup(args, at);
      case "length" -> length(arity(args, 1, name, at).get(0), at);
      case "join" -> {
        String separator = Expressions.string(arity(args, 2, name, at).get(0), at);
        List<String> parts = list(args.get(1), at).stream().map(o -> Expressions.string(o, at)).toList();
        yield String.join(separator, parts);
      }
      case "replace" -> {
        arity(args, 3, name, at);
        yield Expressions.string(args.get(0), at).replace(Expressions.string(args.get(1), at), Expressions.string(args.get(2), at));
      }
      case "coalesce" -> args.stream().filter(a -> a != null && !"".equals(a) && !(a instanceof Unknown)).findFirst()
          .orElseThrow(() -> new TerraformException(at, "coalesce() found no non-null, non-empty argument"));
      default -> throw new IllegalStateException(name);
    };
  }

  private static List<Object> arity(List<Object> args, int n, String name, Origin at) {
    if (args.size() != n) {
      throw new TerraformException(at, name + "() takes " + n + " argument" + (n == 1 ? "" : "s") + ", not " + args.size());
    }
    return args;
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object value, Origin at) {
    if (value instanceof List<?> l) {
      return new ArrayList<>((List<Object>) l);
    }
    throw new TerraformException(at, "expected a list, found " + Expressions.describe(value));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object value, Origin at) {
    if (value instanceof Map<?, ?> m) {
      return new LinkedHashMap<>((Map<String, Object>) m);
    }
    throw new TerraformException(at, "expected a map or object, found " + Expressions.describe(value));
  }

  /** JSON as Terraform writes it: compact, object keys sorted, whole numbers without a fraction. */
  static String jsonencode(Object value, Origin at) {
    try {
      return JSON.writeValueAsString(plain(value, at));
    } catch (JsonProcessingException e) {
      throw new TerraformException(at, "jsonencode() failed: " + e.getOriginalMessage());
    }
  }

  private static Object plain(Object value, Origin at) {
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> out = new TreeMap<>();
      m.forEach((k, v) -> out.put(String.valueOf(k), plain(v, at)));
      return out;
    }
    if (value instanceof List<?> l) {
      return l.stream().map(v -> plain(v, at)).toList();
    }
    if (value instanceof BigDecimal n) {
      BigDecimal stripped = n.stripTrailingZeros();
      return stripped.scale() <= 0 ? stripped.toBigIntegerExact() : stripped;
    }
    return value;
  }

  static Object jsondecode(String text, Origin at) {
    try {
      return fromJson(JSON.readValue(text, Object.class));
    } catch (JsonProcessingException e) {
      throw new TerraformException(at, "jsondecode(): not valid JSON: " + e.getOriginalMessage());
    }
  }

  private static Object fromJson(Object value) {
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, v) -> out.put(String.valueOf(k), fromJson(v)));
      return out;
    }
    if (value instanceof List<?> l) {
      return new ArrayList<>(l.stream().map(Functions::fromJson).toList());
    }
    if (value instanceof Number n) {
      return new BigDecimal(n.toString());
    }
    return value;
  }

  private static String file(String name, Scope scope, Origin at) {
    Path base = scope.file() == null ? Path.of("") : scope.file().toAbsolutePath().getParent();
    Path path = base.resolve(name).normalize();
    scope.reads().read(path);
    try {
      // a FIFO or a device would block or never end: only regular files, as a profile's `file`
      if (!Files.isRegularFile(path) || Files.size(path) > 1024 * 1024) {
        throw new TerraformException(at, "file(\"" + name + "\"): " + Origin.display(path)
            + " is not a regular file of at most 1 MiB");
      }
      return Files.readString(path);
    } catch (IOException e) {
      throw new TerraformException(at, "file(\"" + name + "\"): cannot read " + Origin.display(path)
          + " (a relative path is read from the module's directory)");
    }
  }

  private static String format(List<Object> args, Origin at) {
    if (args.isEmpty()) {
      throw new TerraformException(at, "format() needs a format string");
    }
    String spec = Expressions.string(args.get(0), at);
    StringBuilder out = new StringBuilder();
    int next = 1;
    for (int i = 0; i < spec.length(); i++) {
      char c = spec.charAt(i);
      if (c != '%') {
        out.append(c);
        continue;
      }
      char verb = i + 1 < spec.length() ? spec.charAt(++i) : ' ';
      if (verb == '%') {
        out.append('%');
      } else if ((verb == 's' || verb == 'd' || verb == 'v') && next < args.size()) {
        Object arg = args.get(next++);
        out.append(verb == 'd' ? Expressions.number(arg, at).toBigInteger().toString() : Expressions.string(arg, at));
      } else {
        throw new TerraformException(at, "format(): only %s, %d, %v and %% are supported, with one argument each");
      }
    }
    return out.toString();
  }

  private static Object lookup(List<Object> args, Origin at) {
    if (args.size() < 2 || args.size() > 3) {
      throw new TerraformException(at, "lookup() takes a map, a key and an optional default");
    }
    Map<String, Object> m = map(args.get(0), at);
    String key = Expressions.string(args.get(1), at);
    if (m.containsKey(key)) {
      return m.get(key);
    }
    if (args.size() == 3) {
      return args.get(2);
    }
    throw new TerraformException(at, "lookup(): no key '" + key + "' and no default");
  }

  private static BigDecimal length(Object value, Origin at) {
    if (value instanceof List<?> l) {
      return BigDecimal.valueOf(l.size());
    }
    if (value instanceof Map<?, ?> m) {
      return BigDecimal.valueOf(m.size());
    }
    return BigDecimal.valueOf(Expressions.string(value, at).codePointCount(0, Expressions.string(value, at).length()));
  }
}
