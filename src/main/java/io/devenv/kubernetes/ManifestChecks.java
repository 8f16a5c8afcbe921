package io.devenv.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import io.devenv.profile.Origin;
import io.devenv.profile.Problem;
import io.devenv.profile.Profile;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * What {@code validate} and {@code plan} find in a profile's manifests without a cluster: what
 * loading them finds ({@link ManifestLoader}: YAML, placeholders, identity), field types
 * ({@link ManifestTypes}), and objects that read the {@code devenv-aws} ConfigMap of a profile
 * that declares no AWS (devenv writes none then, and a real kubelet would not start the pod).
 */
public final class ManifestChecks {

  /** Made on first use: a validate whose manifests' results come from the check cache never needs it. */
  private static final class Serialization {
    static final KubernetesSerialization INSTANCE = new KubernetesSerialization();
  }

  private static final List<String> CONFIG_MAP_REFERENCES = List.of("configMapRef", "configMapKeyRef", "configMap");

  private ManifestChecks() {}

  /** Every problem, each naming its file, document and line; empty when there is none. */
  public static List<Problem> problems(Profile profile) {
    return problems(profile, io.devenv.core.CheckCache.none());
  }

  /** As {@link #problems(Profile)}; unchanged manifests' problems come from the cache ({@link OfflineManifests}). */
  public static List<Problem> problems(Profile profile, io.devenv.core.CheckCache cache) {
    return OfflineManifests.of(profile, cache).allProblems(profile);
  }

  /** The problems of objects loaded without a problem: field types, and references to devenv-aws where there is no AWS. */
  static List<Problem> problems(Profile profile, List<ManifestDocument> documents) {
    List<Problem> problems = new ArrayList<>();
    for (ManifestDocument d : documents) {
      ManifestTypes.typeError(d.object()).ifPresent(error -> problems.add(problem(d, d.displayName() + ": " + error)));
      if (!profile.needsAws()) {
        awsReference(Serialization.INSTANCE.convertValue(d.object(), JsonNode.class), "").ifPresent(path -> problems.add(problem(d,
            d.displayName() + " reads ConfigMap " + AwsWiring.CONFIG_MAP + " (" + path + "), which devenv writes only for a"
                + " profile with AWS resources; declare them under `aws`, or drop the reference")));
      }
    }
    return problems;
  }

  /** Problems as {@link #problems} gives them, for a deploy: exit 2 before anything is applied. */
  static void check(Profile profile, List<ManifestDocument> documents) {
    List<String> problems = new ArrayList<>();
    for (ManifestDocument d : documents) {
      ManifestTypes.typeError(d.object()).ifPresent(error -> problems.add(d.location() + ": " + d.displayName() + ": " + error));
    }
    if (!problems.isEmpty()) {
      throw ManifestLoader.problems(problems);
    }
  }

  private static Problem problem(ManifestDocument d, String message) {
    return new Problem(new Origin(d.file(), d.line(), 0), message + " (document " + d.document() + ")");
  }

  /** The path of the first reference to devenv-aws in the object, e.g. "spec.template.spec.containers[0].envFrom[0].configMapRef". */
  private static java.util.Optional<String> awsReference(JsonNode node, String path) {
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
        Map.Entry<String, JsonNode> field = it.next();
        String here = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
        JsonNode value = field.getValue();
        if (CONFIG_MAP_REFERENCES.contains(field.getKey()) && value.isObject()
            && AwsWiring.CONFIG_MAP.equals(value.path("name").asText())) {
          return java.util.Optional.of(here);
        }
        var found = awsReference(value, here);
        if (found.isPresent()) {
          return found;
        }
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        var found = awsReference(node.get(i), path + "[" + i + "]");
        if (found.isPresent()) {
          return found;
        }
      }
    }
    return java.util.Optional.empty();
  }

}
