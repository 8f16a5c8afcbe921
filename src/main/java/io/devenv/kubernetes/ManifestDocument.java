package io.devenv.kubernetes;

import io.devenv.profile.Origin;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.nio.file.Path;

/**
 * One Kubernetes object read from a manifest file.
 *
 * @param file the file it was read from
 * @param document its document in the file, from 1, counting only documents that hold something
 * @param item its position in a {@code List} document, from 1; 0 when the document is the object
 * @param line the line of the file where its document starts, from 1
 * @param apiVersion e.g. {@code apps/v1}
 * @param kind e.g. {@code Deployment}
 * @param namespace the namespace it goes to: as written, else the default namespace; null for
 *     cluster-scoped kinds (Namespace, CustomResourceDefinition, ClusterRole, ...)
 * @param name {@code metadata.name}
 * @param object the object as parsed, placeholders filled
 */
public record ManifestDocument(
    Path file,
    int document,
    int item,
    int line,
    String apiVersion,
    String kind,
    String namespace,
    String name,
    GenericKubernetesResource object) {

  /** Where it was written, for messages: "k8s/app.yaml, document 2 (line 14)". */
  public String location() {
    return location(file, document, item, line);
  }

  static String location(Path file, int document, int item, int line) {
    return Origin.display(file) + ", document " + document + (item > 0 ? ", item " + item : "") + " (line " + line + ")";
  }

  /** What it is, as kubectl names it: "Deployment vod/catalog-api", "Namespace vod". */
  public String displayName() {
    return ObjectRef.of(object).toString();
  }

  public ObjectRef ref() {
    return new ObjectRef(apiVersion, kind, namespace, name);
  }
}
