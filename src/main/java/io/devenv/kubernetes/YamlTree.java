package io.devenv.kubernetes;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * One YAML document as a JSON tree, with anchors and aliases resolved ({@code verbs: *read}) and
 * merge keys ({@code <<: *base}) applied, as the API server's YAML reader does. Jackson's own
 * tree reader gives an alias as the string of its name.
 */
final class YamlTree {

  private static final YAMLFactory FACTORY = new YAMLFactory();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private YamlTree() {}

  /** The document's tree, or null for an empty document. */
  static JsonNode read(String text) throws com.fasterxml.jackson.core.JsonProcessingException {
    try (YAMLParser parser = FACTORY.createParser(text)) {
      if (parser.nextToken() == null) {
        return null;
      }
      return node(parser, new HashMap<>());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw e;
    } catch (IOException e) {
      throw new JsonParseException(null, e.getMessage(), e); // reading a String: not an I/O failure
    }
  }

  private static JsonNode node(YAMLParser p, Map<String, JsonNode> anchors) throws IOException {
    if (p.isCurrentAlias()) {
      JsonNode anchored = anchors.get(p.getText());
      if (anchored == null) {
        throw new JsonParseException(p, "alias *" + p.getText() + " names no anchor before it");
      }
      return anchored.deepCopy();
    }
    Object anchor = p.getObjectId();
    JsonNode node = switch (p.currentToken()) {
      case START_OBJECT -> object(p, anchors);
      case START_ARRAY -> array(p, anchors);
      case VALUE_STRING -> NODES.textNode(p.getText());
      case VALUE_NUMBER_INT -> switch (p.getNumberType()) {
        case INT -> NODES.numberNode(p.getIntValue());
        case LONG -> NODES.numberNode(p.getLongValue());
        default -> NODES.numberNode(p.getBigIntegerValue());
      };
      case VALUE_NUMBER_FLOAT -> NODES.numberNode(p.getDoubleValue());
      case VALUE_TRUE -> NODES.booleanNode(true);
      case VALUE_FALSE -> NODES.booleanNode(false);
      case VALUE_NULL -> NODES.nullNode();
      case VALUE_EMBEDDED_OBJECT -> NODES.pojoNode(p.getEmbeddedObject());
      default -> throw new JsonParseException(p, "unexpected " + p.currentToken());
    };
    if (anchor != null) {
      anchors.put(anchor.toString(), node);
    }
    return node;
  }

  private static ObjectNode object(YAMLParser p, Map<String, JsonNode> anchors) throws IOException {
    ObjectNode object = NODES.objectNode();
    ObjectNode merged = NODES.objectNode();
    while (p.nextToken() != JsonToken.END_OBJECT) {
      String key = p.currentName();
      p.nextToken();
      JsonNode value = node(p, anchors);
      if ("<<".equals(key) && (value.isObject() || value.isArray())) {
        // A merge key: its maps' keys, unless the map itself sets them (the first map wins among several).
        Iterable<JsonNode> sources = value.isObject() ? java.util.List.of(value) : value;
        for (JsonNode source : sources) {
          for (Iterator<Map.Entry<String, JsonNode>> it = source.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!merged.has(e.getKey())) {
              merged.set(e.getKey(), e.getValue());
            }
          }
        }
      } else {
        object.set(key, value);
      }
    }
    merged.fields().forEachRemaining(e -> {
      if (!object.has(e.getKey())) {
        object.set(e.getKey(), e.getValue());
      }
    });
    return object;
  }

  private static ArrayNode array(YAMLParser p, Map<String, JsonNode> anchors) throws IOException {
    ArrayNode array = NODES.arrayNode();
    while (p.nextToken() != JsonToken.END_ARRAY) {
      array.add(node(p, anchors));
    }
    return array;
  }
}
