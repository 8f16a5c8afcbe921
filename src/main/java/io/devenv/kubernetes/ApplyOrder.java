package io.devenv.kubernetes;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The order objects are applied in: kinds others depend on first (Namespaces, then
 * CustomResourceDefinitions, policies, ServiceAccounts, Secrets and ConfigMaps, storage, RBAC,
 * Services), then workloads, then what routes to them; kinds devenv does not know (custom
 * resources) last. Within a kind, the order of the manifests is kept. Helm installs in much the
 * same order, for the same reason: a pod whose ConfigMap does not exist yet fails to start.
 */
public final class ApplyOrder {

  private static final List<String> KINDS = List.of(
      "Namespace", "CustomResourceDefinition", "PriorityClass", "NetworkPolicy", "ResourceQuota", "LimitRange",
      "PodDisruptionBudget", "ServiceAccount", "Secret", "ConfigMap", "StorageClass", "PersistentVolume",
      "PersistentVolumeClaim", "ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding", "Service", "EndpointSlice",
      "Endpoints", "DaemonSet", "Pod", "ReplicaSet", "Deployment", "HorizontalPodAutoscaler", "StatefulSet", "Job",
      "CronJob", "IngressClass", "Ingress", "APIService", "MutatingWebhookConfiguration",
      "ValidatingWebhookConfiguration");

  private static final Map<String, Integer> RANK =
      IntStream.range(0, KINDS.size()).boxed().collect(Collectors.toMap(KINDS::get, Function.identity()));

  private ApplyOrder() {}

  /** The rank of a kind: lower is applied first. */
  static int rank(String kind) {
    return RANK.getOrDefault(kind, KINDS.size());
  }

  /** The documents in the order devenv applies them (a stable sort by kind). */
  public static List<ManifestDocument> sort(List<ManifestDocument> documents) {
    List<ManifestDocument> sorted = new ArrayList<>(documents);
    sorted.sort(Comparator.comparingInt(d -> rank(d.kind())));
    return sorted;
  }

  /** Refs in the order to delete them: the reverse of the order they are applied in. */
  static List<ObjectRef> forDeletion(List<ObjectRef> refs) {
    List<ObjectRef> sorted = new ArrayList<>(refs);
    sorted.sort(Comparator.comparingInt((ObjectRef r) -> rank(r.kind())).reversed());
    return sorted;
  }
}
