package io.devenv.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Comparator;

/**
 * Which object: enough to get, compare or delete it. Two refs are the same object when their
 * API group (not version), kind, namespace and name are equal.
 *
 * @param namespace null for cluster-scoped objects
 */
public record ObjectRef(String apiVersion, String kind, String namespace, String name) implements Comparable<ObjectRef> {

  private static final Comparator<ObjectRef> ORDER = Comparator.comparing(ObjectRef::group)
      .thenComparing(ObjectRef::kind)
      .thenComparing(r -> r.namespace() == null ? "" : r.namespace())
      .thenComparing(ObjectRef::name);

  public static ObjectRef of(HasMetadata object) {
    return new ObjectRef(
        object.getApiVersion(), object.getKind(), object.getMetadata().getNamespace(), object.getMetadata().getName());
  }

  /** The API group; "" for the core group ({@code v1}). */
  public String group() {
    int slash = apiVersion.indexOf('/');
    return slash < 0 ? "" : apiVersion.substring(0, slash);
  }

  @Override
  public int compareTo(ObjectRef other) {
    return ORDER.compare(this, other);
  }

  /** As a line of the inventory: "apps/v1 Deployment vod catalog-api" ("-" for no namespace). */
  String toLine() {
    return apiVersion + " " + kind + " " + (namespace == null ? "-" : namespace) + " " + name;
  }

  static ObjectRef fromLine(String line) {
    String[] parts = line.trim().split(" ");
    if (parts.length != 4) {
      throw new IllegalArgumentException("not an inventory line: " + line);
    }
    return new ObjectRef(parts[0], parts[1], "-".equals(parts[2]) ? null : parts[2], parts[3]);
  }

  /** "Deployment vod/catalog-api", "Namespace vod". */
  @Override
  public String toString() {
    return kind + " " + (namespace == null ? "" : namespace + "/") + name;
  }
}
