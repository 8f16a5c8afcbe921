package io.devenv.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * What the pods of a workload say about it: a container in a state that will not get better by
 * waiting (fail fast), or, while waiting, why each pod is not ready yet.
 */
final class PodDiagnosis {

  /** Container waiting reasons that waiting will not cure. */
  static final Set<String> FATAL = Set.of(
      "CrashLoopBackOff", "ImagePullBackOff", "ErrImagePull", "CreateContainerConfigError", "InvalidImageName");

  /**
   * A container in trouble.
   *
   * @param previousRun whether its useful logs are those of the previous run (it restarted)
   * @param ran whether it ever started, so that it has logs at all
   */
  record ContainerProblem(Pod pod, String container, String reason, String message, int restarts, String lastExit,
      boolean previousRun, boolean ran) {

    String podName() {
      return pod.getMetadata().getName();
    }

    /** "CrashLoopBackOff in container api of pod catalog-api-6d8f-x2x1". */
    String headline() {
      return reason + " in container " + container + " of pod " + podName();
    }
  }

  private PodDiagnosis() {}

  static List<Pod> pods(KubernetesClient client, String namespace, Rollout.PodScope scope) {
    if (scope == null || scope.selector() == null) {
      return List.of();
    }
    List<Pod> pods = new ArrayList<>(client.pods().inNamespace(namespace).withLabelSelector(scope.selector()).list().getItems());
    pods.removeIf(p -> !scope.current(p));
    pods.sort(Comparator.comparing((Pod p) -> p.getMetadata().getName()));
    return pods;
  }

  /** The first container whose state is fatal, or null. */
  static ContainerProblem fatal(List<Pod> pods) {
    for (Pod pod : pods) {
      for (ContainerStatus c : statuses(pod)) {
        var waiting = c.getState() == null ? null : c.getState().getWaiting();
        if (waiting != null && FATAL.contains(waiting.getReason())) {
          return problem(pod, c, waiting.getReason(), waiting.getMessage());
        }
      }
    }
    return null;
  }

  /** Containers that are not ready, for the report of a wait that timed out (at most a few). */
  static List<ContainerProblem> notReady(List<Pod> pods, int max) {
    List<ContainerProblem> problems = new ArrayList<>();
    for (Pod pod : pods) {
      for (ContainerStatus c : statuses(pod)) {
        if (Boolean.TRUE.equals(c.getReady()) || problems.size() >= max) {
          continue;
        }
        var state = c.getState();
        if (state != null && state.getWaiting() != null) {
          problems.add(problem(pod, c, state.getWaiting().getReason(), state.getWaiting().getMessage()));
        } else if (state != null && state.getTerminated() != null) {
          problems.add(problem(pod, c, "Terminated", state.getTerminated().getReason()));
        } else if (state != null && state.getRunning() != null) {
          problems.add(problem(pod, c, "NotReady", "running, but its readiness probe does not pass yet"));
        }
      }
    }
    return problems;
  }

  /** One line per pod that is not ready: its phase and why, e.g. "Pending: Unschedulable: 0/1 nodes...". */
  static List<String> podLines(List<Pod> pods) {
    List<String> lines = new ArrayList<>();
    for (Pod pod : pods) {
      var status = pod.getStatus();
      String phase = status == null || status.getPhase() == null ? "Unknown" : status.getPhase();
      String why = "";
      if (status != null) {
        for (PodCondition c : status.getConditions()) {
          if ("PodScheduled".equals(c.getType()) && "False".equals(c.getStatus())) {
            why = ": " + c.getReason() + (c.getMessage() == null ? "" : ": " + c.getMessage());
          }
        }
        boolean ready = status.getConditions().stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
        if (ready) {
          continue;
        }
      }
      lines.add("pod " + pod.getMetadata().getName() + ": " + phase + why);
    }
    return lines;
  }

  private static List<ContainerStatus> statuses(Pod pod) {
    List<ContainerStatus> all = new ArrayList<>();
    if (pod.getStatus() != null) {
      all.addAll(pod.getStatus().getInitContainerStatuses());
      all.addAll(pod.getStatus().getContainerStatuses());
    }
    return all;
  }

  private static ContainerProblem problem(Pod pod, ContainerStatus c, String reason, String message) {
    int restarts = c.getRestartCount() == null ? 0 : c.getRestartCount();
    var last = c.getLastState() == null ? null : c.getLastState().getTerminated();
    String lastExit = last == null ? null
        : "exit code " + last.getExitCode() + (last.getReason() == null ? "" : " (" + last.getReason() + ")");
    boolean running = c.getState() != null && (c.getState().getRunning() != null || c.getState().getTerminated() != null);
    return new ContainerProblem(pod, c.getName(), reason, message, restarts, lastExit, last != null, running || last != null);
  }
}
