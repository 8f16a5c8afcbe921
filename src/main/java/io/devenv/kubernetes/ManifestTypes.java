package io.devenv.kubernetes;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Checks the field types of objects of the built-in kinds without a cluster, the way kubeconform
 * does from the OpenAPI schema: through fabric8's model, which is generated from the Kubernetes
 * OpenAPI, read without coercion. A string where a number is wanted ({@code replicas: "2"}) is
 * what a real API server refuses with 500 to a server-side apply, after devenv has applied the
 * objects before it.
 */
final class ManifestTypes {

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
  private static final ObjectMapper STRICT = strict();

  private ManifestTypes() {}

  /** "spec.replicas: a number is wanted, not the string "2"", or empty when the types are right or the kind is not built in. */
  static Optional<String> typeError(GenericKubernetesResource object) {
    JsonNode tree = SERIALIZATION.convertValue(object, JsonNode.class);
    Class<?> type;
    try {
      type = SERIALIZATION.unmarshal(tree.toString(), KubernetesResource.class).getClass();
    } catch (RuntimeException e) {
      return Optional.empty(); // the lenient reader fails too: the API server will say what is wrong
    }
    if (type == GenericKubernetesResource.class) {
      return Optional.empty(); // a custom resource: its schema is in its CRD, checked by the server
    }
    try {
      STRICT.treeToValue(tree, type);
      return Optional.empty();
    } catch (MismatchedInputException e) {
      String path = e.getPath().stream()
          .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
          .collect(Collectors.joining(".")).replace(".[", "[");
      return Optional.of(path + ": " + wanted(e) + ", not " + got(e));
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static String wanted(MismatchedInputException e) {
    Class<?> t = e.getTargetType();
    if (t == null) {
      return "another type";
    }
    if (Number.class.isAssignableFrom(t) || (t.isPrimitive() && t != boolean.class)) {
      return "a number is wanted";
    }
    if (t == Boolean.class || t == boolean.class) {
      return "true or false is wanted";
    }
    if (t == String.class) {
      return "a string is wanted (quote it)";
    }
    if (java.util.Collection.class.isAssignableFrom(t)) {
      return "a list is wanted";
    }
    return "an object (" + t.getSimpleName() + ") is wanted";
  }

  private static String got(MismatchedInputException e) {
    String m = e.getOriginalMessage();
    if (m == null) {
      return "what is written";
    }
    java.util.regex.Matcher quoted = java.util.regex.Pattern.compile("String value \\(\"([^\"]*)\"\\)").matcher(m);
    if (quoted.find()) {
      return "the string \"" + quoted.group(1) + "\"";
    }
    if (m.contains("Integer value") || m.contains("Floating-point value")) {
      return "a number";
    }
    if (m.contains("Boolean value")) {
      return "true/false";
    }
    if (m.contains("from Array value") || m.contains("START_ARRAY")) {
      return "a list";
    }
    if (m.contains("from Object value") || m.contains("START_OBJECT")) {
      return "an object";
    }
    return "what is written";
  }

  private static ObjectMapper strict() {
    JsonMapper mapper = JsonMapper.builder()
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
        .build();
    // The API server wants a string where its schema says string: 8080 or true there is refused too.
    for (CoercionInputShape shape : new CoercionInputShape[] {CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean}) {
      mapper.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
    }
    return mapper;
  }
}
