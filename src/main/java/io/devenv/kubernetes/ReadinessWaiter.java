package io.devenv.kubernetes;

import io.devenv.core.Check;
import io.devenv.core.DevenvException;
import io.devenv.core.ExitCode;
import io.devenv.core.Progress;
import io.devenv.kubernetes.PodDiagnosis.ContainerProblem;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Waits until objects are ready (see {@link Rollout}), for at most a timeout, and fails as soon as
 * one is in a state waiting will not cure (see {@link PodDiagnosis#FATAL}, a failed Job,
 * ProgressDeadlineExceeded). Objects are re-checked when a watch reports a change, and at least
 * every {@link #RECHECK}.
 */
final class ReadinessWaiter {

  /** The group of the checks this waiter reports. */
  static final String GROUP = "kubernetes";
  static final Duration RECHECK = Duration.ofSeconds(1);
  static final Duration STILL_WAITING_EVERY = Duration.ofSeconds(20);

  private final KubernetesClient client;
  private final Progress progress;
  private final FailureReport reports;

  ReadinessWaiter(KubernetesClient client, Progress progress, String kubectl) {
    this.client = client;
    this.progress = progress;
    this.reports = new FailureReport(client, kubectl);
  }

  private record Failure(ObjectRef ref, String headline, String report) {}

  /**
   * @return one result per object, all ready
   * @throws ReadinessException when one failed or the timeout passed; it holds every result
   */
  List<Check> await(List<ObjectRef> refs, Duration timeout) {
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    long lastInfo = start;
    Map<ObjectRef, Rollout.Verdict> pending = new LinkedHashMap<>();
    refs.forEach(r -> pending.put(r, null));
    Map<ObjectRef, Check> results = new LinkedHashMap<>();
    List<Failure> failures = new ArrayList<>();
    List<String> namespaces = refs.stream().map(ObjectRef::namespace).filter(Objects::nonNull).distinct().toList();
    boolean crds = refs.stream().anyMatch(r -> r.namespace() == null);
    try (ChangeSignal signal = new ChangeSignal(client, namespaces, crds)) {
      while (true) {
        for (ObjectRef ref : List.copyOf(pending.keySet())) {
          Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
          Rollout.Verdict verdict = evaluate(ref);
          if (verdict.state() == Rollout.State.READY) {
            pending.remove(ref);
            results.put(ref, Check.passed(GROUP, ref.toString(), elapsed));
            continue;
          }
          List<Pod> pods = pods(ref, verdict);
          ContainerProblem problem = PodDiagnosis.fatal(pods);
          if (verdict.state() == Rollout.State.FAILED || problem != null) {
            pending.remove(ref);
            String report = reports.failed(ref, verdict, pods, verdict.state() == Rollout.State.FAILED ? null : problem);
            failures.add(new Failure(ref, report.lines().findFirst().orElse(ref.toString()), report));
            results.put(ref, Check.failed(GROUP, ref.toString(), elapsed, report));
          } else {
            pending.put(ref, verdict);
          }
        }
        if (pending.isEmpty() || !failures.isEmpty()) {
          break;
        }
        long now = System.nanoTime();
        if (now >= deadline) {
          for (var entry : pending.entrySet()) {
            ObjectRef ref = entry.getKey();
            String report = reports.timedOut(ref, entry.getValue(), pods(ref, entry.getValue()), timeout);
            failures.add(new Failure(ref, report.lines().findFirst().orElse(ref.toString()), report));
            results.put(ref, Check.failed(GROUP, ref.toString(), timeout, report));
          }
          pending.clear();
          break;
        }
        if (Duration.ofNanos(now - lastInfo).compareTo(STILL_WAITING_EVERY) >= 0) {
          lastInfo = now;
          progress.info("  still waiting for " + describe(pending));
        }
        signal.await(min(RECHECK, Duration.ofNanos(deadline - now)));
      }
    } catch (InterruptedException e) {
      // Stopped from outside (up's --timeout, Ctrl-C): still say why each object was not ready.
      String message = "interrupted while waiting for " + describe(pending);
      String report = stoppedReport(pending, Duration.ofNanos(System.nanoTime() - start));
      Thread.currentThread().interrupt();
      throw new DevenvException(ExitCode.INTERRUPTED, message, report, e);
    }
    if (failures.isEmpty()) {
      // In the manifests' order, not the order they became ready: reports and tests read the same on any machine.
      return refs.stream().map(results::get).toList();
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    for (var entry : pending.entrySet()) {
      String why = entry.getValue() == null ? "not checked yet" : entry.getValue().reason();
      results.put(entry.getKey(), Check.failed(GROUP, entry.getKey().toString(), elapsed,
          entry.getKey() + " not ready (" + why + ") when devenv stopped waiting, because " + failures.get(0).ref() + " failed"));
    }
    List<Check> ordered = refs.stream().map(results::get).toList();
    StringBuilder report = new StringBuilder(failures.stream().map(Failure::report).collect(Collectors.joining("\n\n")));
    if (!pending.isEmpty()) {
      report.append("\n\nNot ready either when devenv stopped waiting: ").append(describe(pending));
    }
    String message = failures.get(0).headline() + (failures.size() > 1 ? " (and " + (failures.size() - 1) + " more)" : "");
    throw new ReadinessException(message, report.toString(), ordered);
  }

  /** The reports of the objects still pending when the wait was interrupted; read with the interrupt cleared. */
  private String stoppedReport(Map<ObjectRef, Rollout.Verdict> pending, Duration elapsed) {
    List<String> reportsOf = new ArrayList<>();
    for (ObjectRef ref : pending.keySet()) {
      Rollout.Verdict verdict = evaluate(ref);
      reportsOf.add(reports.timedOut(ref, verdict, pods(ref, verdict), elapsed));
    }
    return reportsOf.isEmpty() ? null : String.join("\n\n", reportsOf);
  }

  private Rollout.Verdict evaluate(ObjectRef ref) {
    try {
      return Rollout.evaluate(client, ref);
    } catch (KubernetesClientException e) {
      // A failed read is not a verdict: try again at the next check, until the deadline.
      return new Rollout.Verdict(Rollout.State.WAITING, "cannot read it: " + e.getMessage(), null);
    }
  }

  private List<Pod> pods(ObjectRef ref, Rollout.Verdict verdict) {
    if (verdict == null || verdict.pods() == null || ref.namespace() == null) {
      return List.of();
    }
    try {
      return PodDiagnosis.pods(client, ref.namespace(), verdict.pods());
    } catch (KubernetesClientException e) {
      return List.of();
    }
  }

  private static String describe(Map<ObjectRef, Rollout.Verdict> pending) {
    return pending.entrySet().stream()
        .map(e -> e.getKey() + (e.getValue() == null ? "" : " (" + e.getValue().reason() + ")"))
        .collect(Collectors.joining(", "));
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
