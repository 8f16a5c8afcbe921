package io.devenv.seed;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Turns a JSON object into a DynamoDB item. Plain JSON maps naturally (numbers to N, strings to
 * S, booleans to BOOL, null to NULL, arrays to L, objects to M); an item whose every attribute is
 * written in DynamoDB JSON ({@code {"S": "x"}}, {@code {"N": "1"}}, ...) is read as such. Key
 * attributes are checked against the table: present, and of its type (S a string, N a number, B
 * base64 text).
 */
public final class ItemConverter {
  private static final Set<String> TYPE_TAGS = Set.of("S", "N", "B", "BOOL", "NULL", "M", "L", "SS", "NS", "BS");

  private final TableKeys keys;
  private final Path file;

  public ItemConverter(TableKeys keys, Path file) {
    this.keys = keys;
    this.file = file;
  }

  public Map<String, AttributeValue> convert(SeedRecord record) {
    JsonNode node = record.node();
    boolean typed = isDynamoJson(node);
    Map<String, AttributeValue> item = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      String name = field.getKey();
      String keyType = keys.types().get(name);
      try {
        AttributeValue value = typed ? typed(field.getValue()) : keyType != null ? key(field.getValue(), keyType) : plain(field.getValue());
        item.put(name, value);
      } catch (IllegalArgumentException e) {
        throw SeedFileReader.invalid(file, record.line(), "attribute " + name + ": " + e.getMessage());
      }
    }
    for (Map.Entry<String, String> key : keys.types().entrySet()) {
      AttributeValue value = item.get(key.getKey());
      if (value == null) {
        throw SeedFileReader.invalid(file, record.line(), "the item has no " + key.getKey()
            + ", a key attribute of table " + keys.table());
      }
      String actual = value.type() == null ? "?" : value.type().toString();
      if (!actual.equals(key.getValue())) {
        throw SeedFileReader.invalid(file, record.line(), "key attribute " + key.getKey() + " of table " + keys.table()
            + " must be of type " + key.getValue() + ", found " + actual);
      }
    }
    return item;
  }

  /** Every attribute is an object with exactly one member named after a DynamoDB type. */
  static boolean isDynamoJson(JsonNode item) {
    if (item.isEmpty()) {
      return false;
    }
    for (JsonNode value : item) {
      if (!isTyped(value)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isTyped(JsonNode value) {
    return value.isObject() && value.size() == 1 && TYPE_TAGS.contains(value.fieldNames().next());
  }

  /** A key attribute in plain JSON: a string for S, a number for N, base64 text for B. */
  private static AttributeValue key(JsonNode value, String type) {
    switch (type) {
      case "S":
        if (!value.isTextual()) {
          throw new IllegalArgumentException("a key of type S must be a string, found " + describe(value));
        }
        return AttributeValue.fromS(value.textValue());
      case "N":
        if (!value.isNumber()) {
          throw new IllegalArgumentException("a key of type N must be a number, found " + describe(value));
        }
        return AttributeValue.fromN(number(value));
      case "B":
        if (!value.isTextual()) {
          throw new IllegalArgumentException("a key of type B must be base64 text, found " + describe(value));
        }
        try {
          return AttributeValue.fromB(SdkBytes.fromByteArray(Base64.getDecoder().decode(value.textValue())));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("a key of type B must be base64 text: " + e.getMessage());
        }
      default:
        return plain(value);
    }
  }

  static AttributeValue plain(JsonNode value) {
    if (value.isTextual()) {
      return AttributeValue.fromS(value.textValue());
    }
    if (value.isNumber()) {
      return AttributeValue.fromN(number(value));
    }
    if (value.isBoolean()) {
      return AttributeValue.fromBool(value.booleanValue());
    }
    if (value.isNull()) {
      return AttributeValue.fromNul(true);
    }
    if (value.isArray()) {
      List<AttributeValue> list = new ArrayList<>();
      value.forEach(v -> list.add(plain(v)));
      return AttributeValue.fromL(list);
    }
    if (value.isObject()) {
      Map<String, AttributeValue> map = new LinkedHashMap<>();
      value.properties().forEach(f -> map.put(f.getKey(), plain(f.getValue())));
      return AttributeValue.fromM(map);
    }
    throw new IllegalArgumentException("unsupported JSON value " + describe(value));
  }

  static AttributeValue typed(JsonNode value) {
    if (!isTyped(value)) {
      throw new IllegalArgumentException("expected DynamoDB JSON such as {\"S\": \"text\"}, found " + describe(value));
    }
    String tag = value.fieldNames().next();
    JsonNode v = value.get(tag);
    switch (tag) {
      case "S":
        return AttributeValue.fromS(text(v, tag));
      case "N":
        return AttributeValue.fromN(v.isNumber() ? number(v) : text(v, tag));
      case "B":
        return AttributeValue.fromB(SdkBytes.fromByteArray(Base64.getDecoder().decode(text(v, tag))));
      case "BOOL":
        return AttributeValue.fromBool(v.asBoolean());
      case "NULL":
        return AttributeValue.fromNul(true);
      case "SS": {
        List<String> list = new ArrayList<>();
        v.forEach(e -> list.add(text(e, tag)));
        return AttributeValue.fromSs(list);
      }
      case "NS": {
        List<String> list = new ArrayList<>();
        v.forEach(e -> list.add(e.isNumber() ? number(e) : text(e, tag)));
        return AttributeValue.fromNs(list);
      }
      case "BS": {
        List<SdkBytes> list = new ArrayList<>();
        v.forEach(e -> list.add(SdkBytes.fromByteArray(Base64.getDecoder().decode(text(e, tag)))));
        return AttributeValue.fromBs(list);
      }
      case "L": {
        List<AttributeValue> list = new ArrayList<>();
        v.forEach(e -> list.add(typed(e)));
        return AttributeValue.fromL(list);
      }
      case "M": {
        Map<String, AttributeValue> map = new LinkedHashMap<>();
        v.properties().forEach(f -> map.put(f.getKey(), typed(f.getValue())));
        return AttributeValue.fromM(map);
      }
      default:
        throw new IllegalArgumentException("unknown DynamoDB type " + tag);
    }
  }

  private static String text(JsonNode v, String tag) {
    if (!v.isTextual()) {
      throw new IllegalArgumentException("\"" + tag + "\" needs a string, found " + describe(v));
    }
    return v.textValue();
  }

  /** The number as written: integers in full, decimals without exponent noise where possible. */
  static String number(JsonNode v) {
    if (v.isIntegralNumber()) {
      return v.bigIntegerValue().toString();
    }
    return v.decimalValue().toString();
  }

  private static String describe(JsonNode v) {
    return v.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
  }
}
