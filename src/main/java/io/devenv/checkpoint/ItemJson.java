package io.devenv.checkpoint;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A DynamoDB item as DynamoDB JSON ({@code {"id": {"S": "a"}, "n": {"N": "1.50"}}}): every type
 * kept exactly (numbers as their decimal text, sets, binary as base64), which the seeder reads
 * back as such. Attributes in name order, so the same item always writes the same line.
 */
final class ItemJson {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private ItemJson() {}

  static ObjectNode of(Map<String, AttributeValue> item) {
    ObjectNode node = F.objectNode();
    new TreeMap<>(item).forEach((name, value) -> node.set(name, value(value)));
    return node;
  }

  private static ObjectNode value(AttributeValue v) {
    ObjectNode node = F.objectNode();
    switch (v.type()) {
      case S -> node.put("S", v.s());
      case N -> node.put("N", v.n());
      case B -> node.put("B", base64(v.b()));
      case BOOL -> node.put("BOOL", v.bool());
      case NUL -> node.put("NULL", true);
      case SS -> v.ss().forEach(node.putArray("SS")::add);
      case NS -> v.ns().forEach(node.putArray("NS")::add);
      case BS -> {
        ArrayNode list = node.putArray("BS");
        v.bs().forEach(b -> list.add(base64(b)));
      }
      case L -> {
        ArrayNode list = node.putArray("L");
        v.l().forEach(e -> list.add(value(e)));
      }
      case M -> {
        ObjectNode map = node.putObject("M");
        new TreeMap<>(v.m()).forEach((k, e) -> map.set(k, value(e)));
      }
      default -> throw new IllegalArgumentException("an attribute of a type this SDK does not know: " + v);
    }
    return node;
  }

  private static String base64(SdkBytes bytes) {
    return Base64.getEncoder().encodeToString(bytes.asByteArray());
  }
}
