package io.devenv.kubernetes;

import io.devenv.core.Progress;
import io.devenv.kubernetes.PodDiagnosis.ContainerProblem;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The report of an object that did not become ready, as an engineer would gather it by hand:
 * the reason, the state of its pods, its newest Warning events, the last log lines of the failing
 * containers, and the kubectl commands to dig further.
 */
final class FailureReport {

  static final int LOG_LINES = 50;
  static final int MAX_EVENTS = 10;
  /** Logs of at most this many containers per object, so one report stays readable. */
  static final int MAX_LOGS = 2;

  private final KubernetesClient client;
  private final String kubectl;

  /** @param kubectl how the user runs kubectl against this cluster, e.g. "kubectl --kubeconfig .devenv/kubeconfig" */
  FailureReport(KubernetesClient client, String kubectl) {
    this.client = client;
    this.kubectl = kubectl;
  }

  /** The first line of the report of an object that failed. */
  static String failedHeadline(ObjectRef ref, Rollout.Verdict verdict, ContainerProblem problem) {
    return ref + " failed: " + (problem != null ? problem.headline() : verdict.reason());
  }

  static String timedOutHeadline(ObjectRef ref, Rollout.Verdict verdict, Duration timeout) {
    return ref + " not ready after " + Progress.seconds(timeout) + ": " + verdict.reason();
  }

  /** The report of an object that failed: {@code problem} is the fatal container, or null. */
  String failed(ObjectRef ref, Rollout.Verdict verdict, List<Pod> pods, ContainerProblem problem) {
    List<String> lines = new ArrayList<>();
    lines.add(failedHeadline(ref, verdict, problem));
    List<ContainerProblem> logged = new ArrayList<>();
    if (problem != null) {
      details(problem, lines);
      if (problem.reason().equals("ImagePullBackOff") || problem.reason().equals("ErrImagePull")) {
        lines.add("  Hint: an image built on this machine must be listed under kubernetes.images, so devenv imports it into the cluster.");
      }
      logged.add(problem);
    } else {
      pods.stream().filter(p -> p.getStatus() != null && "Failed".equals(p.getStatus().getPhase())).limit(MAX_LOGS)
          .forEach(p -> p.getSpec().getContainers().stream().findFirst().ifPresent(c ->
              logged.add(new ContainerProblem(p, c.getName(), "Failed", null, 0, null, false, true))));
    }
    return finish(ref, pods, logged, lines);
  }

  /** The report of an object still not ready when the wait timed out, or was stopped after {@code timeout}. */
  String timedOut(ObjectRef ref, Rollout.Verdict verdict, List<Pod> pods, Duration timeout) {
    List<String> lines = new ArrayList<>();
    lines.add(timedOutHeadline(ref, verdict, timeout));
    PodDiagnosis.podLines(pods).forEach(l -> lines.add("  " + l));
    List<ContainerProblem> notReady = PodDiagnosis.notReady(pods, MAX_LOGS);
    for (ContainerProblem p : notReady) {
      lines.add("  container " + p.container() + " of pod " + p.podName() + ": " + p.reason()
          + (p.message() == null ? "" : ": " + p.message()));
    }
    return finish(ref, pods, notReady, lines);
  }

  private String finish(ObjectRef ref, List<Pod> pods, List<ContainerProblem> logged, List<String> lines) {
    events(ref, pods, lines);
    for (ContainerProblem p : logged.subList(0, Math.min(logged.size(), MAX_LOGS))) {
      logs(ref, p, lines);
    }
    lines.add("  To dig further:");
    String ns = ref.namespace() == null ? "" : " --namespace " + ref.namespace();
    lines.add("    " + kubectl + ns + " describe " + ref.kind().toLowerCase(Locale.ROOT) + " " + ref.name());
    for (ContainerProblem p : logged) {
      lines.add("    " + kubectl + ns + " describe pod " + p.podName());
      if (p.ran()) {
        lines.add("    " + kubectl + ns + " logs " + p.podName() + " --container " + p.container() + (p.previousRun() ? " --previous" : ""));
      }
    }
    if (ref.namespace() != null) {
      lines.add("    " + kubectl + ns + " get events --field-selector type=Warning --sort-by=.lastTimestamp");
    }
    return String.join("\n", lines);
  }

  private static void details(ContainerProblem p, List<String> lines) {
    List<String> facts = new ArrayList<>();
    if (p.restarts() > 0) {
      facts.add("restarted " + p.restarts() + (p.restarts() == 1 ? " time" : " times"));
    }
    if (p.lastExit() != null) {
      facts.add("last " + p.lastExit());
    }
    if (!facts.isEmpty()) {
      lines.add("  " + String.join("; ", facts));
    }
    if (p.message() != null && !p.message().isBlank()) {
      lines.add("  " + p.message().strip());
    }
  }

  private void events(ObjectRef ref, List<Pod> pods, List<String> lines) {
    if (ref.namespace() == null) {
      return; // cluster-scoped objects: their events are not in one namespace
    }
    Set<String> names = pods.stream().map(p -> p.getMetadata().getName()).collect(Collectors.toSet());
    List<Event> warnings;
    try {
      warnings = client.v1().events().inNamespace(ref.namespace()).list().getItems().stream()
          .filter(e -> "Warning".equals(e.getType()) && e.getInvolvedObject() != null && e.getInvolvedObject().getName() != null)
          .filter(e -> concerns(e, ref, names))
          .sorted(Comparator.comparing(FailureReport::when).reversed())
          .limit(MAX_EVENTS)
          .toList();
    } catch (KubernetesClientException e) {
      lines.add("  (events not available: " + e.getMessage() + ")");
      return;
    }
    if (warnings.isEmpty()) {
      lines.add("  No Warning events.");
      return;
    }
    lines.add("  Warning events, newest first:");
    for (Event e : warnings) {
      int count = e.getCount() == null ? 1 : e.getCount();
      lines.add("    " + when(e) + "  " + e.getReason() + "  " + e.getInvolvedObject().getKind() + "/" + e.getInvolvedObject().getName()
          + ": " + (e.getMessage() == null ? "" : e.getMessage().strip()) + (count > 1 ? " (x" + count + ")" : ""));
    }
  }

  /**
   * Whether an event is about the object or its pods: kind and name both match (an HPA or a
   * Service may share the Deployment's name), or it is about one of its pods, or, for a Deployment,
   * one of its ReplicaSets (named after it).
   */
  static boolean concerns(Event e, ObjectRef ref, Set<String> podNames) {
    String kind = e.getInvolvedObject().getKind();
    String name = e.getInvolvedObject().getName();
    if (ref.kind().equals(kind)) {
      return ref.name().equals(name);
    }
    if ("Pod".equals(kind)) {
      return podNames.contains(name);
    }
    return "ReplicaSet".equals(kind) && "Deployment".equals(ref.kind()) && name.startsWith(ref.name() + "-");
  }

  /**
   * When it last happened, to the second in UTC: the API gives whole seconds (lastTimestamp) for
   * some events and microseconds (eventTime, events.k8s.io) for others.
   */
  private static String when(Event e) {
    String raw = rawWhen(e);
    try {
      return java.time.Instant.parse(raw).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    } catch (java.time.format.DateTimeParseException notRfc3339) {
      return raw;
    }
  }

  private static String rawWhen(Event e) {
    if (e.getLastTimestamp() != null) {
      return e.getLastTimestamp();
    }
    if (e.getEventTime() != null && e.getEventTime().getTime() != null) {
      return e.getEventTime().getTime();
    }
    if (e.getFirstTimestamp() != null) {
      return e.getFirstTimestamp();
    }
    return e.getMetadata().getCreationTimestamp() == null ? "" : e.getMetadata().getCreationTimestamp();
  }

  private void logs(ObjectRef ref, ContainerProblem p, List<String> lines) {
    if (!p.ran()) {
      lines.add("  No logs for container " + p.container() + " of pod " + p.podName() + ": it never started.");
      return;
    }
    String log;
    try {
      var pod = client.pods().inNamespace(p.pod().getMetadata().getNamespace() == null ? ref.namespace() : p.pod().getMetadata().getNamespace())
          .withName(p.podName()).inContainer(p.container());
      log = (p.previousRun() ? pod.terminated() : pod).tailingLines(LOG_LINES).getLog();
    } catch (KubernetesClientException e) {
      lines.add("  Logs of container " + p.container() + " of pod " + p.podName() + " not available: " + e.getMessage());
      return;
    }
    List<String> logLines = log == null ? List.of() : log.lines().toList();
    if (logLines.size() > LOG_LINES) {
      logLines = logLines.subList(logLines.size() - LOG_LINES, logLines.size());
    }
    if (logLines.isEmpty()) {
      lines.add("  Container " + p.container() + " of pod " + p.podName() + " logged nothing" + (p.previousRun() ? " in its previous run." : "."));
      return;
    }
    lines.add("  Last " + logLines.size() + " log lines of container " + p.container() + " of pod " + p.podName()
        + (p.previousRun() ? " (previous run):" : ":"));
    logLines.forEach(l -> lines.add("    | " + l));
  }
}
