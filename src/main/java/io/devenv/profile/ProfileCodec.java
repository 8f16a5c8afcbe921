package io.devenv.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A loaded profile's records to a JSON tree and back, for the check cache: every record component by
 * its declared type, so that what is read back equals what was loaded ({@code equals} of the records).
 * An untyped value (a secret's map, a filter policy, Terraform variables) keeps its Java type in a tag,
 * since JSON alone would turn a {@code BigDecimal} 1.50 into a double 1.5. A value of a type it does
 * not know throws: that result is not cached.
 */
final class ProfileCodec {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ProfileCodec() {}

  static JsonNode write(Object value, Type type) {
    if (value == null) {
      return NODES.nullNode();
    }
    Class<?> raw = raw(type);
    if (raw == Object.class) {
      return plain(value);
    }
    if (raw.isRecord()) {
      ObjectNode out = NODES.objectNode();
      for (RecordComponent c : Binder.components(raw)) {
        try {
          out.set(c.getName(), write(c.getAccessor().invoke(value), c.getGenericType()));
        } catch (ReflectiveOperationException e) {
          throw new IllegalArgumentException("cannot read " + raw.getSimpleName() + "." + c.getName(), e);
        }
      }
      return out;
    }
    if (raw == List.class) {
      ArrayNode out = NODES.arrayNode();
      ((List<?>) value).forEach(item -> out.add(write(item, argument(type, 0))));
      return out;
    }
    if (raw == Map.class) {
      ObjectNode out = NODES.objectNode();
      ((Map<?, ?>) value).forEach((k, v) -> out.set((String) k, write(v, argument(type, 1))));
      return out;
    }
    if (raw == String.class || raw == Path.class || raw == URI.class || raw == Duration.class) {
      return NODES.textNode(value.toString());
    }
    if (raw == int.class || raw == Integer.class) {
      return NODES.numberNode((Integer) value);
    }
    if (raw == long.class || raw == Long.class) {
      return NODES.numberNode((Long) value);
    }
    if (raw == boolean.class || raw == Boolean.class) {
      return NODES.booleanNode((Boolean) value);
    }
    if (raw.isEnum()) {
      return NODES.textNode(((Enum<?>) value).name());
    }
    throw new IllegalArgumentException("no JSON form for " + type);
  }

  static Object read(JsonNode node, Type type) {
    if (node == null || node.isNull()) {
      return null;
    }
    Class<?> raw = raw(type);
    if (raw == Object.class) {
      return plain(node);
    }
    if (raw.isRecord()) {
      RecordComponent[] components = Binder.components(raw);
      Object[] args = new Object[components.length];
      Class<?>[] types = new Class<?>[components.length];
      for (int i = 0; i < components.length; i++) {
        types[i] = components[i].getType();
        args[i] = read(node.get(components[i].getName()), components[i].getGenericType());
      }
      try {
        Constructor<?> constructor = raw.getDeclaredConstructor(types);
        return constructor.newInstance(args);
      } catch (ReflectiveOperationException e) {
        throw new IllegalArgumentException("cannot make " + raw.getSimpleName(), e);
      }
    }
    if (raw == List.class) {
      List<Object> out = new ArrayList<>();
      node.forEach(item -> out.add(read(item, argument(type, 0))));
      return Collections.unmodifiableList(out);
    }
    if (raw == Map.class) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
        Map.Entry<String, JsonNode> e = it.next();
        out.put(e.getKey(), read(e.getValue(), argument(type, 1)));
      }
      return Collections.unmodifiableMap(out);
    }
    if (raw == String.class) {
      return node.textValue();
    }
    if (raw == Path.class) {
      return Path.of(node.textValue());
    }
    if (raw == URI.class) {
      return URI.create(node.textValue());
    }
    if (raw == Duration.class) {
      return Duration.parse(node.textValue());
    }
    if (raw == int.class || raw == Integer.class) {
      return node.intValue();
    }
    if (raw == long.class || raw == Long.class) {
      return node.longValue();
    }
    if (raw == boolean.class || raw == Boolean.class) {
      return node.booleanValue();
    }
    if (raw.isEnum()) {
      return enumValue(raw, node.textValue());
    }
    throw new IllegalArgumentException("no JSON form for " + type);
  }

  /** An untyped value as [tag, value]: its Java type survives the trip through JSON. */
  private static JsonNode plain(Object value) {
    ArrayNode out = NODES.arrayNode();
    if (value == null) {
      return NODES.nullNode();
    } else if (value instanceof String s) {
      out.add("s").add(s);
    } else if (value instanceof Boolean b) {
      out.add("b").add(b);
    } else if (value instanceof Integer i) {
      out.add("i").add(i);
    } else if (value instanceof Long l) {
      out.add("l").add(l);
    } else if (value instanceof Double d) {
      out.add("d").add(d.toString());
    } else if (value instanceof BigDecimal d) {
      out.add("D").add(d.toString());
    } else if (value instanceof BigInteger i) {
      out.add("I").add(i.toString());
    } else if (value instanceof List<?> list) {
      ArrayNode items = out.add("L").addArray();
      list.forEach(item -> items.add(plain(item)));
    } else if (value instanceof Map<?, ?> map) {
      ObjectNode entries = out.add("M").addObject();
      map.forEach((k, v) -> entries.set(String.valueOf(k), plain(v)));
    } else {
      throw new IllegalArgumentException("no JSON form for a " + value.getClass().getName());
    }
    return out;
  }

  private static Object plain(JsonNode node) {
    if (node.isNull()) {
      return null;
    }
    JsonNode v = node.get(1);
    return switch (node.get(0).textValue()) {
      case "s" -> v.textValue();
      case "b" -> v.booleanValue();
      case "i" -> v.intValue();
      case "l" -> v.longValue();
      case "d" -> Double.valueOf(v.textValue());
      case "D" -> new BigDecimal(v.textValue());
      case "I" -> new BigInteger(v.textValue());
      case "L" -> {
        List<Object> out = new ArrayList<>();
        v.forEach(item -> out.add(plain(item)));
        yield Collections.unmodifiableList(out);
      }
      case "M" -> {
        Map<String, Object> out = new LinkedHashMap<>();
        v.fields().forEachRemaining(e -> out.put(e.getKey(), plain(e.getValue())));
        yield Collections.unmodifiableMap(out);
      }
      default -> throw new IllegalArgumentException("unknown tag " + node.get(0));
    };
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Object enumValue(Class<?> raw, String name) {
    return Enum.valueOf((Class) raw, name);
  }

  private static Class<?> raw(Type type) {
    return type instanceof Class<?> c ? c : (Class<?>) ((ParameterizedType) type).getRawType();
  }

  private static Type argument(Type type, int index) {
    return type instanceof ParameterizedType p ? p.getActualTypeArguments()[index] : Object.class;
  }
}
