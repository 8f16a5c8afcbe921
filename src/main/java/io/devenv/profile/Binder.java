package io.devenv.profile;

import io.devenv.profile.yaml.YamlNode;
import io.devenv.profile.yaml.YamlNode.Mapping;
import io.devenv.profile.yaml.YamlNode.Scalar;
import io.devenv.profile.yaml.YamlNode.Sequence;
import io.devenv.profile.yaml.YamlReader;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Binds a located YAML tree to the profile records, reading the schema from the records
 * themselves: a component is a key ({@link Key} renames it), {@link Required} and {@link Default}
 * say what happens when it is absent, an {@link Origin} component receives where the map was
 * written, a {@link Path} is resolved against the directory of the file that wrote it. Every
 * problem is collected; binding goes on so one run reports them all.
 */
final class Binder {

  private static final List<String> IDENTITY_KEYS = List.of("name", "service", "bucket", "table", "queue");

  private final List<Problem> problems;
  private final Locations locations = new Locations();
  private final Scalars scalars;
  private final io.devenv.core.Reads reads;

  Binder(List<Problem> problems, io.devenv.core.Reads reads) {
    this.problems = problems;
    this.scalars = new Scalars(problems);
    this.reads = reads;
  }

  /** Where each record bound so far, and each of its keys, was written. */
  Locations locations() {
    return locations;
  }

  <T extends Record> T bind(Mapping root, Class<T> type) {
    return bindRecord(root, type, "");
  }

  /** The YAML key of a record component. */
  /** Each record type's components, read once: a component parses its annotations on first use only. */
  private static final ClassValue<RecordComponent[]> COMPONENTS = new ClassValue<>() {
    @Override
    protected RecordComponent[] computeValue(Class<?> type) {
      return type.getRecordComponents();
    }
  };

  /** The record's components (shared: never to be changed). */
  static RecordComponent[] components(Class<?> type) {
    return COMPONENTS.get(type);
  }

  static String keyOf(RecordComponent component) {
    Key key = component.getAnnotation(Key.class);
    return key != null ? key.value() : component.getName();
  }

  /** The components that are keys (an Origin component is filled in, not written). */
  static List<RecordComponent> keys(Class<?> type) {
    return Arrays.stream(components(type)).filter(c -> c.getType() != Origin.class).toList();
  }

  private <T> T bindRecord(Mapping map, Class<T> type, String path) {
    List<RecordComponent> keyed = keys(type);
    List<String> known = keyed.stream().map(Binder::keyOf).toList();
    map.entries().forEach((key, entry) -> {
      if (!known.contains(key)) {
        String hint = Suggestions.closest(key, known).map(s -> " (did you mean '" + s + "'?)").orElse("");
        String where = path.isEmpty() ? "at the top level" : "in " + path;
        problems.add(new Problem(entry.keyOrigin(), "unknown key '" + key + "' " + where + hint));
      }
    });
    RecordComponent[] components = components(type);
    Object[] args = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      RecordComponent c = components[i];
      if (c.getType() == Origin.class) {
        args[i] = map.origin();
        continue;
      }
      String key = keyOf(c);
      String childPath = path.isEmpty() ? key : path + "." + key;
      YamlNode node = map.get(key);
      if (node instanceof Scalar s && s.isNull()) {
        node = null;
      }
      if (node == null) {
        args[i] = absent(c, map, childPath, path);
      } else {
        args[i] = convert(node, c.getGenericType(), childPath, c.isAnnotationPresent(OneOrMany.class));
        if (args[i] == null) {
          // already reported; an empty value (a section with its defaults) keeps the other checks going
          args[i] = sectionDefaults(c.getType(), map.origin(), childPath);
        }
        Exists exists = c.getAnnotation(Exists.class);
        if (exists != null) {
          checkExists(node, args[i], exists.value(), childPath);
        }
      }
    }
    T record = construct(type, components, args);
    locations.put(record, map);
    return record;
  }

  private Object absent(RecordComponent c, Mapping parent, String childPath, String path) {
    if (c.isAnnotationPresent(Required.class)) {
      String where = path.isEmpty() ? "at the top level" : "in " + path;
      problems.add(new Problem(parent.origin(), "missing required key '" + keyOf(c) + "' " + where));
      return emptyValue(c.getType());
    }
    Default dflt = c.getAnnotation(Default.class);
    if (dflt != null) {
      YamlNode node = parseDefault(dflt.value(), parent.origin());
      return convert(node, c.getGenericType(), childPath, false);
    }
    return sectionDefaults(c.getType(), parent.origin(), childPath);
  }

  /** A section left out or unusable (aws:, seed:) is the section with its defaults, never null. */
  private Object sectionDefaults(Class<?> raw, Origin at, String path) {
    if (raw.isRecord() && Arrays.stream(components(raw)).noneMatch(rc -> rc.isAnnotationPresent(Required.class))) {
      return bindRecord(new Mapping(at, Map.of()), raw, path);
    }
    return emptyValue(raw);
  }

  /** Reports each path that is missing or of the wrong kind, at the scalar that named it. */
  private void checkExists(YamlNode node, Object bound, Exists.Kind kind, String path) {
    if (bound instanceof Path p && node instanceof Scalar s) {
      checkPath(s, p, kind, path);
    } else if (bound instanceof List<?> list && node instanceof Sequence seq && list.size() == seq.items().size()) {
      for (int i = 0; i < list.size(); i++) {
        if (list.get(i) instanceof Path p && seq.items().get(i) instanceof Scalar s) {
          checkPath(s, p, kind, path + "[" + i + "]");
        }
      }
    } else if (bound instanceof List<?> list && list.size() == 1 && list.get(0) instanceof Path p && node instanceof Scalar s) {
      checkPath(s, p, kind, path);
    }
  }

  private void checkPath(Scalar s, Path p, Exists.Kind kind, String path) {
    reads.probed(p);
    boolean ok = switch (kind) {
      case FILE -> Files.isRegularFile(p);
      case DIRECTORY -> Files.isDirectory(p);
      // never a device or a FIFO: /dev/zero never ends, a FIFO blocks whoever reads it
      case FILE_OR_DIRECTORY -> Files.isRegularFile(p) || Files.isDirectory(p);
    };
    if (ok) {
      return;
    }
    String what = !Files.exists(p) ? "does not exist" : "is not " + kind.description() + special(p);
    problems.add(new Problem(s.origin(), path + ": '" + s.text() + "' " + what + " (looked for " + Origin.display(p)
        + "; a path is relative to the directory of the file that names it)"));
  }

  private static String special(Path p) {
    try {
      return io.devenv.core.SafeFiles.special(p).map(s -> " (it is " + s + ")").orElse("");
    } catch (java.io.IOException e) {
      return "";
    }
  }

  private static Object emptyValue(Class<?> type) {
    if (type == List.class) {
      return List.of();
    }
    if (type == Map.class) {
      return Map.of();
    }
    if (type == boolean.class) {
      return false;
    }
    if (type == int.class) {
      return 0;
    }
    if (type == long.class) {
      return 0L;
    }
    return null;
  }

  private static YamlNode parseDefault(String text, Origin at) {
    List<Problem> ignored = new ArrayList<>();
    YamlNode node = YamlReader.read(at.file(), text.getBytes(StandardCharsets.UTF_8), ignored);
    if (node == null || !ignored.isEmpty()) {
      throw new IllegalStateException("bad @Default(" + text + "): " + ignored);
    }
    return relocate(node, at);
  }

  /** Gives a default's nodes the origin of the map it defaults in (paths resolve from there). */
  private static YamlNode relocate(YamlNode node, Origin at) {
    if (node instanceof Sequence s) {
      return new Sequence(at, s.items().stream().map(n -> relocate(n, at)).toList());
    }
    if (node instanceof Scalar s) {
      return new Scalar(at, s.value(), s.text());
    }
    return node;
  }

  private Object convert(YamlNode node, Type type, String path, boolean oneOrMany) {
    if (node instanceof Scalar s && s.isUnresolved()) {
      return null;
    }
    Class<?> raw = rawClass(type);
    if (raw == List.class) {
      Type element = ((ParameterizedType) type).getActualTypeArguments()[0];
      if (node instanceof Sequence s) {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < s.items().size(); i++) {
          YamlNode item = s.items().get(i);
          out.add(convert(item, element, path + "[" + label(item, i) + "]", false));
        }
        return List.copyOf(out.stream().filter(o -> o != null).toList());
      }
      if (oneOrMany && node instanceof Scalar) {
        Object one = convert(node, element, path, false);
        return one == null ? List.of() : List.of(one);
      }
      return wrongType(node, path, "a list");
    }
    if (raw == Map.class) {
      Type valueType = ((ParameterizedType) type).getActualTypeArguments()[1];
      if (!(node instanceof Mapping m)) {
        return wrongType(node, path, "a map");
      }
      Map<String, Object> out = new LinkedHashMap<>();
      m.entries().forEach((k, e) -> out.put(k, convert(e.value(), valueType, path + "." + k, false)));
      return java.util.Collections.unmodifiableMap(out);
    }
    if (raw.isRecord()) {
      if (!(node instanceof Mapping m)) {
        return wrongType(node, path, "a map", itemHint(node, raw));
      }
      return bindRecord(m, raw, path);
    }
    if (raw == Object.class) {
      return YamlNode.toPlain(node);
    }
    if (!(node instanceof Scalar s)) {
      return wrongType(node, path, Scalars.expectation(raw));
    }
    return scalars.convert(s, raw, path);
  }

  private Object wrongType(YamlNode node, String path, String expected) {
    return wrongType(node, path, expected, "");
  }

  private Object wrongType(YamlNode node, String path, String expected, String hint) {
    problems.add(new Problem(node.origin(), path + " must be " + expected + ", not " + node.describe() + hint));
    return null;
  }

  /** For a list item written as a bare name where a map is expected: how to write it. */
  private static String itemHint(YamlNode node, Class<?> record) {
    boolean named = Arrays.stream(components(record))
        .anyMatch(c -> keyOf(c).equals("name") && c.isAnnotationPresent(Required.class));
    if (named && node instanceof Scalar s && s.value() instanceof String && !s.text().isBlank()) {
      return " (write '- name: " + s.text() + "')";
    }
    return "";
  }

  /** A list item's label in paths: its name when it has one, else its index. */
  private static String label(YamlNode item, int index) {
    if (item instanceof Mapping m) {
      for (String key : IDENTITY_KEYS) {
        if (m.get(key) instanceof Scalar s && !s.isNull()) {
          return s.text();
        }
      }
    }
    return Integer.toString(index);
  }

  private static Class<?> rawClass(Type type) {
    if (type instanceof Class<?> c) {
      return c;
    }
    return (Class<?>) ((ParameterizedType) type).getRawType();
  }

  private static <T> T construct(Class<T> type, RecordComponent[] components, Object[] args) {
    Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
    for (int i = 0; i < args.length; i++) {
      if (args[i] == null && types[i].isPrimitive()) {
        args[i] = emptyValue(types[i]);
      }
    }
    try {
      Constructor<T> constructor = type.getDeclaredConstructor(types);
      return constructor.newInstance(args);
    } catch (NoSuchMethodException | InstantiationException | IllegalAccessException e) {
      throw new IllegalStateException("cannot build " + type.getSimpleName(), e);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException("cannot build " + type.getSimpleName(), e.getCause());
    }
  }
}
