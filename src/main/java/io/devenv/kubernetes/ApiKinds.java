package io.devenv.kubernetes;

import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a kind lives in a namespace. Asked in order: the CustomResourceDefinitions among the
 * manifests, the kinds fabric8 knows (every built-in one), then the cluster's discovery API.
 */
final class ApiKinds {

  /** Made on first use: plan asks isCrd (a name check) of every object, and namespaced of few or none. */
  private static final class Serialization {
    static final KubernetesSerialization INSTANCE = new KubernetesSerialization();
  }

  private final Map<String, Boolean> fromCrds = new HashMap<>();
  private final KubernetesClient client;

  /** @param client for discovery, or null to answer from the manifests and built-in kinds only */
  ApiKinds(Collection<GenericKubernetesResource> crds, KubernetesClient client) {
    this.client = client;
    for (GenericKubernetesResource crd : crds) {
      String group = crd.get("spec", "group");
      String kind = crd.get("spec", "names", "kind");
      String scope = crd.get("spec", "scope");
      if (group != null && kind != null) {
        fromCrds.put(group + "/" + kind, !"Cluster".equals(scope));
      }
    }
  }

  static boolean isCrd(String apiVersion, String kind) {
    return "CustomResourceDefinition".equals(kind) && apiVersion != null && apiVersion.startsWith("apiextensions.k8s.io/");
  }

  /** True or false when known; empty when neither the manifests, fabric8 nor the cluster know the kind. */
  Optional<Boolean> namespaced(String apiVersion, String kind) {
    String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
    Boolean crd = fromCrds.get(group + "/" + kind);
    if (crd != null) {
      return Optional.of(crd);
    }
    Class<? extends KubernetesResource> type = Serialization.INSTANCE.getRegisteredKubernetesResource(apiVersion, kind);
    if (type != null && type != GenericKubernetesResource.class) {
      return Optional.of(Namespaced.class.isAssignableFrom(type));
    }
    return discover(apiVersion, kind);
  }

  private Optional<Boolean> discover(String apiVersion, String kind) {
    if (client == null) {
      return Optional.empty();
    }
    try {
      APIResourceList list = client.getApiResources(apiVersion);
      if (list == null) {
        return Optional.empty();
      }
      return list.getResources().stream()
          .filter(r -> kind.equals(r.getKind()) && !r.getName().contains("/"))
          .map(APIResource::getNamespaced)
          .findFirst();
    } catch (KubernetesClientException e) {
      return Optional.empty();
    }
  }
}
