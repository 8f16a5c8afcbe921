package io.devenv.kubernetes;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What an earlier deploy of a profile applied, kept in a ConfigMap
 * ({@code devenv-inventory-<profile>} in the profile's namespace, one object per line), so that
 * objects whose manifest is gone can be pruned even when their kind is gone from every manifest.
 */
final class Inventory {

  static final String PREFIX = "devenv-inventory-";
  static final String KEY = "objects";

  private final KubernetesClient client;
  private final String namespace;
  private final String name;

  Inventory(KubernetesClient client, String namespace, String profileLabel) {
    this.client = client;
    this.namespace = namespace;
    this.name = PREFIX + profileLabel.toLowerCase().replaceAll("[^a-z0-9.-]", "-");
  }

  ObjectRef ref() {
    return new ObjectRef("v1", "ConfigMap", namespace, name);
  }

  /** The objects the last deploy recorded; empty when there was none. */
  Set<ObjectRef> read() {
    ConfigMap configMap = client.configMaps().inNamespace(namespace).withName(name).get();
    Set<ObjectRef> refs = new TreeSet<>();
    if (configMap != null && configMap.getData() != null && configMap.getData().get(KEY) != null) {
      configMap.getData().get(KEY).lines().filter(l -> !l.isBlank()).map(ObjectRef::fromLine).forEach(refs::add);
    }
    return refs;
  }

  /** The inventory as an object to apply, listing {@code refs}. */
  GenericKubernetesResource toObject(Collection<ObjectRef> refs) {
    String lines = refs.stream().sorted().map(ObjectRef::toLine).collect(Collectors.joining("\n", "", "\n"));
    ConfigMap configMap = new ConfigMapBuilder()
        .withNewMetadata().withName(name).withNamespace(namespace)
        .addToAnnotations("devenv.io/purpose", "what devenv applied for this profile, to prune what the manifests no longer hold")
        .endMetadata()
        .withData(Map.of(KEY, lines))
        .build();
    return client.getKubernetesSerialization().convertValue(configMap, GenericKubernetesResource.class);
  }

  /**
   * Objects to prune: those recorded last time, and those labelled with the profile in the kinds
   * and namespaces of this deploy and the last one, less the current ones. Namespaces and
   * CustomResourceDefinitions are pruned only when recorded: they are never looked for by label.
   */
  static List<ObjectRef> candidates(KubernetesClient client, String profileLabel, Set<ObjectRef> previous,
      Collection<ObjectRef> current, ObjectRef inventory) {
    Map<String, ObjectRef> found = new LinkedHashMap<>();
    previous.forEach(r -> found.put(ManifestLoader.key(r), r));
    Set<String> namespaces = new TreeSet<>();
    Map<String, ObjectRef> kinds = new LinkedHashMap<>();
    for (ObjectRef r : concat(previous, current)) {
      if (r.namespace() != null) {
        namespaces.add(r.namespace());
        kinds.putIfAbsent(r.group() + "/" + r.kind(), r);
      }
    }
    for (ObjectRef kind : kinds.values()) {
      for (String ns : namespaces) {
        for (GenericKubernetesResource item : labelled(client, kind, ns, profileLabel)) {
          if (item.getMetadata().getOwnerReferences() == null || item.getMetadata().getOwnerReferences().isEmpty()) {
            ObjectRef r = new ObjectRef(kind.apiVersion(), kind.kind(), ns, item.getMetadata().getName());
            found.putIfAbsent(ManifestLoader.key(r), r);
          }
        }
      }
    }
    current.forEach(r -> found.remove(ManifestLoader.key(r)));
    found.remove(ManifestLoader.key(inventory));
    return new ArrayList<>(found.values());
  }

  private static List<GenericKubernetesResource> labelled(KubernetesClient client, ObjectRef kind, String namespace, String profile) {
    try {
      return client.genericKubernetesResources(kind.apiVersion(), kind.kind()).inNamespace(namespace)
          .withLabel(Applier.MANAGED_BY, Applier.FIELD_MANAGER)
          .withLabel(Applier.PROFILE_LABEL, profile)
          .list().getItems();
    } catch (KubernetesClientException e) {
      // A kind the cluster no longer serves (its CRD is gone) has nothing left to prune.
      return List.of();
    }
  }

  private static List<ObjectRef> concat(Collection<ObjectRef> a, Collection<ObjectRef> b) {
    List<ObjectRef> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
