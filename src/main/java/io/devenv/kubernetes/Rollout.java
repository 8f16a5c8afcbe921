package io.devenv.kubernetes;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionCondition;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whether one object is ready, by the rules {@code kubectl rollout status} and
 * {@code kubectl wait} use: a rollout is complete when the controller has seen the current
 * generation and every replica is updated and available; a Job when it is Complete; a
 * CustomResourceDefinition when it is Established.
 */
public final class Rollout {

  /** The kinds devenv waits for. */
  private static final String REVISION = "deployment.kubernetes.io/revision";

  static final Set<String> WAITED_KINDS = Set.of("Deployment", "StatefulSet", "DaemonSet", "Job", "CustomResourceDefinition");

  enum State { READY, WAITING, FAILED }

  /**
   * @param reason what is awaited or what went wrong, e.g. "1 of 2 updated replicas available"
   * @param pods the pods of the object's current revision, or null (CRDs)
   */
  record Verdict(State state, String reason, PodScope pods) {
    static Verdict ready() {
      return new Verdict(State.READY, "ready", null);
    }

    Verdict withPods(PodScope pods) {
      return new Verdict(state, reason, pods);
    }
  }

  /**
   * Which pods speak for an object now: those its selector matches, less those of an earlier
   * revision (a pod still crashing from the last, broken, deploy must not fail the fixed one).
   *
   * @param revisionLabels labels a pod of the current revision carries; a pod with another value is
   *     of an older revision, a pod without the label is kept
   * @param ownerUid the uid the pods' owner must have (the Deployment's current ReplicaSet), or null
   */
  record PodScope(LabelSelector selector, Map<String, String> revisionLabels, String ownerUid) {
    static PodScope of(LabelSelector selector) {
      return new PodScope(selector, Map.of(), null);
    }

    boolean current(io.fabric8.kubernetes.api.model.Pod pod) {
      Map<String, String> labels = pod.getMetadata().getLabels() == null ? Map.of() : pod.getMetadata().getLabels();
      for (var e : revisionLabels.entrySet()) {
        if (labels.containsKey(e.getKey()) && !labels.get(e.getKey()).equals(e.getValue())) {
          return false;
        }
      }
      return ownerUid == null || pod.getMetadata().getOwnerReferences().stream().anyMatch(o -> ownerUid.equals(o.getUid()));
    }
  }

  private Rollout() {}

  public static boolean waitedFor(ObjectRef ref) {
    if (!WAITED_KINDS.contains(ref.kind())) {
      return false;
    }
    String group = ref.group();
    return switch (ref.kind()) {
      case "Deployment", "StatefulSet", "DaemonSet" -> group.equals("apps");
      case "Job" -> group.equals("batch");
      default -> group.equals("apiextensions.k8s.io");
    };
  }

  static Verdict evaluate(KubernetesClient client, ObjectRef ref) {
    return switch (ref.kind()) {
      case "Deployment" -> {
        Deployment d = client.apps().deployments().inNamespace(ref.namespace()).withName(ref.name()).get();
        Verdict v = deployment(d);
        yield v.state() == State.READY || v.pods() == null ? v : v.withPods(currentReplicaSet(client, d, v.pods()));
      }
      case "StatefulSet" -> statefulSet(client.apps().statefulSets().inNamespace(ref.namespace()).withName(ref.name()).get());
      case "DaemonSet" -> daemonSet(client.apps().daemonSets().inNamespace(ref.namespace()).withName(ref.name()).get());
      case "Job" -> job(client.batch().v1().jobs().inNamespace(ref.namespace()).withName(ref.name()).get());
      case "CustomResourceDefinition" -> crd(client.apiextensions().v1().customResourceDefinitions().withName(ref.name()).get());
      default -> Verdict.ready();
    };
  }

  /** The pods of the Deployment's current ReplicaSet: the one it owns with its revision number. */
  private static PodScope currentReplicaSet(KubernetesClient client, Deployment d, PodScope scope) {
    String revision = d.getMetadata().getAnnotations() == null ? null : d.getMetadata().getAnnotations().get(REVISION);
    if (revision == null) {
      return scope;
    }
    return client.apps().replicaSets().inNamespace(d.getMetadata().getNamespace()).withLabelSelector(scope.selector()).list()
        .getItems().stream()
        .filter(rs -> rs.getMetadata().getOwnerReferences().stream().anyMatch(o -> o.getUid().equals(d.getMetadata().getUid())))
        .filter(rs -> rs.getMetadata().getAnnotations() != null && revision.equals(rs.getMetadata().getAnnotations().get(REVISION)))
        .findFirst()
        .map(rs -> new PodScope(scope.selector(), scope.revisionLabels(), rs.getMetadata().getUid()))
        .orElse(scope);
  }

  static Verdict deployment(Deployment d) {
    if (d == null) {
      return gone();
    }
    var status = d.getStatus();
    PodScope selector = PodScope.of(d.getSpec().getSelector());
    if (!observed(d.getMetadata().getGeneration(), status == null ? null : status.getObservedGeneration())) {
      return waiting("waiting for the deployment controller to see generation " + d.getMetadata().getGeneration(), selector);
    }
    for (DeploymentCondition c : status.getConditions()) {
      if ("Progressing".equals(c.getType()) && "ProgressDeadlineExceeded".equals(c.getReason())) {
        return new Verdict(State.FAILED, "ProgressDeadlineExceeded: " + c.getMessage(), selector);
      }
    }
    int replicas = or(d.getSpec().getReplicas(), 1);
    int updated = or(status.getUpdatedReplicas(), 0);
    int current = or(status.getReplicas(), 0);
    int available = or(status.getAvailableReplicas(), 0);
    if (updated < replicas) {
      return waiting(updated + " of " + replicas + " replicas updated", selector);
    }
    if (current > updated) {
      return waiting((current - updated) + " old replicas pending termination", selector);
    }
    if (available < updated) {
      return waiting(available + " of " + updated + " updated replicas available", selector);
    }
    return Verdict.ready();
  }

  static Verdict statefulSet(StatefulSet s) {
    if (s == null) {
      return gone();
    }
    var status = s.getStatus();
    PodScope selector = new PodScope(s.getSpec().getSelector(),
        status == null || status.getUpdateRevision() == null ? Map.of() : Map.of("controller-revision-hash", status.getUpdateRevision()), null);
    if (!observed(s.getMetadata().getGeneration(), status == null ? null : status.getObservedGeneration())) {
      return waiting("waiting for the statefulset controller to see generation " + s.getMetadata().getGeneration(), selector);
    }
    int replicas = or(s.getSpec().getReplicas(), 1);
    int ready = or(status.getReadyReplicas(), 0);
    if (ready < replicas) {
      return waiting(ready + " of " + replicas + " pods ready", selector);
    }
    var strategy = s.getSpec().getUpdateStrategy();
    if (strategy != null && "OnDelete".equals(strategy.getType())) {
      return Verdict.ready(); // no rollout to follow: pods change only when deleted
    }
    Integer partition = strategy == null || strategy.getRollingUpdate() == null ? null : strategy.getRollingUpdate().getPartition();
    int updated = or(status.getUpdatedReplicas(), 0);
    if (partition != null && partition > 0) {
      int expected = Math.max(replicas - partition, 0);
      return updated < expected ? waiting(updated + " of " + expected + " pods updated (partition " + partition + ")", selector) : Verdict.ready();
    }
    if (status.getUpdateRevision() != null && !status.getUpdateRevision().equals(status.getCurrentRevision())) {
      return waiting(updated + " of " + replicas + " pods at revision " + status.getUpdateRevision(), selector);
    }
    return Verdict.ready();
  }

  static Verdict daemonSet(DaemonSet ds) {
    if (ds == null) {
      return gone();
    }
    var status = ds.getStatus();
    Long generation = ds.getMetadata().getGeneration();
    PodScope selector = new PodScope(ds.getSpec().getSelector(),
        generation == null ? Map.of() : Map.of("pod-template-generation", generation.toString()), null);
    if (!observed(ds.getMetadata().getGeneration(), status == null ? null : status.getObservedGeneration())) {
      return waiting("waiting for the daemonset controller to see generation " + ds.getMetadata().getGeneration(), selector);
    }
    int desired = or(status.getDesiredNumberScheduled(), 0);
    int updated = or(status.getUpdatedNumberScheduled(), 0);
    int available = or(status.getNumberAvailable(), 0);
    if (updated < desired) {
      return waiting(updated + " of " + desired + " pods updated", selector);
    }
    if (available < desired) {
      return waiting(available + " of " + desired + " pods available", selector);
    }
    return Verdict.ready();
  }

  static Verdict job(Job job) {
    if (job == null) {
      return gone();
    }
    LabelSelector jobSelector = job.getSpec().getSelector();
    if (jobSelector == null || (jobSelector.getMatchLabels().isEmpty() && jobSelector.getMatchExpressions().isEmpty())) {
      jobSelector = new LabelSelector(List.of(), Map.of("job-name", job.getMetadata().getName()));
    }
    PodScope selector = PodScope.of(jobSelector);
    var status = job.getStatus();
    if (status != null) {
      for (JobCondition c : status.getConditions()) {
        if ("True".equals(c.getStatus()) && "Complete".equals(c.getType())) {
          return Verdict.ready();
        }
        if ("True".equals(c.getStatus()) && "Failed".equals(c.getType())) {
          return new Verdict(State.FAILED, "Job failed: " + c.getReason() + (c.getMessage() == null ? "" : ": " + c.getMessage()), selector);
        }
      }
    }
    int completions = or(job.getSpec().getCompletions(), 1);
    int succeeded = status == null ? 0 : or(status.getSucceeded(), 0);
    int failed = status == null ? 0 : or(status.getFailed(), 0);
    return waiting(succeeded + " of " + completions + " completions" + (failed > 0 ? ", " + failed + " failed pods" : ""), selector);
  }

  static Verdict crd(CustomResourceDefinition crd) {
    if (crd == null) {
      return gone();
    }
    if (crd.getStatus() != null) {
      for (CustomResourceDefinitionCondition c : crd.getStatus().getConditions()) {
        if ("Established".equals(c.getType()) && "True".equals(c.getStatus())) {
          return Verdict.ready();
        }
        if ("NamesAccepted".equals(c.getType()) && "False".equals(c.getStatus())) {
          return new Verdict(State.FAILED, "names not accepted: " + c.getReason() + ": " + c.getMessage(), null);
        }
      }
    }
    return new Verdict(State.WAITING, "not Established yet", null);
  }

  private static Verdict gone() {
    return new Verdict(State.WAITING, "not found (deleted while devenv waited?)", null);
  }

  private static Verdict waiting(String reason, PodScope selector) {
    return new Verdict(State.WAITING, reason, selector);
  }

  private static boolean observed(Long generation, Long observedGeneration) {
    return observedGeneration != null && (generation == null || observedGeneration >= generation);
  }

  private static int or(Integer value, int otherwise) {
    return value == null ? otherwise : value;
  }
}
