package io.devenv.seed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.devenv.core.DevenvException;
import io.devenv.profile.Origin;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * The properties of an S3 object beyond its bytes, as a bucket seed's {@code objects} file lists
 * them (one NDJSON line per key): what a checkpoint keeps so that a restored object is the same.
 *
 * @param key the key relative to the seed directory (without the seed's prefix)
 */
public record ObjectProperties(String key, String contentType, Map<String, String> metadata, String cacheControl,
    String contentEncoding, String contentDisposition, String contentLanguage) {

  private static final Set<String> FIELDS = Set.of("key", "contentType", "metadata", "cacheControl", "contentEncoding",
      "contentDisposition", "contentLanguage");

  public ObjectProperties {
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
  }

  /** The properties an object read from S3 has. */
  public static ObjectProperties of(String key, GetObjectResponse o) {
    return new ObjectProperties(key, o.contentType(), o.hasMetadata() ? o.metadata() : Map.of(), o.cacheControl(),
        o.contentEncoding(), o.contentDisposition(), o.contentLanguage());
  }

  /** Sets these properties on an upload; the Content-Type falls back to {@code fallbackType}. */
  void apply(PutObjectRequest.Builder put, String fallbackType) {
    put.contentType(contentType != null ? contentType : fallbackType);
    if (!metadata.isEmpty()) {
      put.metadata(metadata);
    }
    put.cacheControl(cacheControl).contentEncoding(contentEncoding).contentDisposition(contentDisposition)
        .contentLanguage(contentLanguage);
  }

  /** One line of an {@code objects} file, with only the properties that are set. */
  public ObjectNode toJson() {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("key", key);
    putIfSet(node, "contentType", contentType);
    if (!metadata.isEmpty()) {
      ObjectNode meta = node.putObject("metadata");
      new java.util.TreeMap<>(metadata).forEach(meta::put);
    }
    putIfSet(node, "cacheControl", cacheControl);
    putIfSet(node, "contentEncoding", contentEncoding);
    putIfSet(node, "contentDisposition", contentDisposition);
    putIfSet(node, "contentLanguage", contentLanguage);
    return node;
  }

  private static void putIfSet(ObjectNode node, String field, String value) {
    if (value != null) {
      node.put(field, value);
    }
  }

  /** Reads an {@code objects} file: properties by key; null file, no properties. */
  static Map<String, ObjectProperties> read(Path file) {
    if (file == null) {
      return Map.of();
    }
    Map<String, ObjectProperties> byKey = new HashMap<>();
    SeedFileReader.stream(file, r -> {
      JsonNode n = r.node();
      for (var it = n.fieldNames(); it.hasNext(); ) {
        String field = it.next();
        if (!FIELDS.contains(field)) {
          throw SeedFileReader.invalid(file, r.line(), "unknown field \"" + field + "\"; an object line has " + FIELDS);
        }
      }
      String key = n.path("key").asText(null);
      if (key == null || key.isEmpty()) {
        throw SeedFileReader.invalid(file, r.line(), "the line has no key");
      }
      Map<String, String> metadata = new LinkedHashMap<>();
      JsonNode meta = n.path("metadata");
      if (!meta.isMissingNode() && !meta.isObject()) {
        throw SeedFileReader.invalid(file, r.line(), "metadata must be an object of names to strings");
      }
      meta.properties().forEach(e -> metadata.put(e.getKey(), e.getValue().asText()));
      if (byKey.put(key, new ObjectProperties(key, text(n, "contentType"), metadata, text(n, "cacheControl"),
          text(n, "contentEncoding"), text(n, "contentDisposition"), text(n, "contentLanguage"))) != null) {
        throw SeedFileReader.invalid(file, r.line(), "key " + key + " is listed twice");
      }
    });
    return byKey;
  }

  /** Fails when the file lists a key the directory does not hold: a typo would otherwise pass unseen. */
  static void checkKnown(Path file, Map<String, ObjectProperties> properties, Set<String> keys) {
    for (String key : properties.keySet()) {
      if (!keys.contains(key)) {
        throw DevenvException.invalid(Origin.display(file) + ": key " + key + " has no file in the seed directory");
      }
    }
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
