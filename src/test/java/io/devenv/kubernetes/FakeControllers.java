package io.devenv.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionConditionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Plays the cluster's controllers in the fabric8 mock API server, which runs none: it watches
 * Deployments, StatefulSets, DaemonSets, Jobs and CustomResourceDefinitions and, after a delay,
 * sets their status as the real controllers would, or makes them fail the way a named object is
 * told to: a pod in CrashLoopBackOff with Warning events and logs, an image that cannot be pulled,
 * a missing ConfigMap, a rollout past its deadline, a failed Job, a pod that never gets ready.
 *
 * <p>The mock serves no logs, so a failing pod's logs are registered as expectations on the
 * server's log path; the mixed dispatcher answers those and CRUD-handles the rest.
 */
final class FakeControllers implements AutoCloseable {

  enum Behaviour { READY, NEVER_READY, CRASH_LOOP, IMAGE_PULL_BACK_OFF, ERR_IMAGE_PULL, CREATE_CONTAINER_CONFIG_ERROR,
    PROGRESS_DEADLINE_EXCEEDED, JOB_FAILED }

  /** Every event the fake kubelet records carries this time, so reports can be compared line by line. */
  static final String EVENT_TIME = "2025-03-01T10:00:00Z";
  static final String LATER_EVENT_TIME = "2025-03-01T10:00:30Z";

  private final KubernetesMockServer server;
  private final KubernetesClient client;
  private final Map<String, Behaviour> behaviours = new ConcurrentHashMap<>();
  private final Map<String, List<String>> logs = new ConcurrentHashMap<>();
  private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "fake-controllers");
    t.setDaemon(true);
    return t;
  });
  private final List<Watch> watches = new ArrayList<>();
  private volatile Duration delay = Duration.ofMillis(50);
  private volatile boolean closed;

  FakeControllers(KubernetesMockServer server, KubernetesClient client) {
    this.server = server;
    this.client = client;
  }

  /** Rollouts complete this long after the object changed. */
  FakeControllers readyAfter(Duration delay) {
    this.delay = delay;
    return this;
  }

  /** The object of this name (any kind, any namespace) behaves so. */
  FakeControllers behave(String name, Behaviour behaviour) {
    behaviours.put(name, behaviour);
    return this;
  }

  /** The lines a failing container of this workload logs. */
  FakeControllers logs(String workload, List<String> lines) {
    logs.put(workload, lines);
    return this;
  }

  FakeControllers start() {
    watches.add(client.apps().deployments().inAnyNamespace().watch(on(this::deployment)));
    watches.add(client.apps().statefulSets().inAnyNamespace().watch(on(this::statefulSet)));
    watches.add(client.apps().daemonSets().inAnyNamespace().watch(on(this::daemonSet)));
    watches.add(client.batch().v1().jobs().inAnyNamespace().watch(on(this::job)));
    watches.add(client.apiextensions().v1().customResourceDefinitions().watch(on(this::crd)));
    return this;
  }

  private interface Reconciler<T> {
    void reconcile(T object);
  }

  private <T extends HasMetadata> Watcher<T> on(Reconciler<T> reconciler) {
    return new Watcher<>() {
      @Override
      public void eventReceived(Action action, T object) {
        if (action == Action.ADDED || action == Action.MODIFIED) {
          executor.schedule(() -> {
            try {
              reconciler.reconcile(object);
            } catch (RuntimeException e) {
              if (!closed) {
                System.err.println("fake controller: " + e); // the test's assertions will show what is missing
              }
            }
          }, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
      }

      @Override
      public void onClose(WatcherException cause) {}
    };
  }

  private Behaviour behaviour(HasMetadata object) {
    return behaviours.getOrDefault(object.getMetadata().getName(), Behaviour.READY);
  }

  private static boolean observed(Long generation, Long observed) {
    return observed != null && observed.equals(generation);
  }

  private void deployment(Deployment seen) {
    var d = client.apps().deployments().inNamespace(seen.getMetadata().getNamespace()).withName(seen.getMetadata().getName()).get();
    if (d == null || d.getStatus() != null && observed(d.getMetadata().getGeneration(), d.getStatus().getObservedGeneration())) {
      return;
    }
    int replicas = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
    Behaviour behaviour = behaviour(d);
    var status = new DeploymentStatusBuilder().withObservedGeneration(d.getMetadata().getGeneration())
        .withReplicas(replicas).withUpdatedReplicas(replicas);
    if (behaviour == Behaviour.READY) {
      status.withReadyReplicas(replicas).withAvailableReplicas(replicas)
          .addToConditions(new DeploymentConditionBuilder().withType("Available").withStatus("True").withReason("MinimumReplicasAvailable").build());
    } else if (behaviour == Behaviour.PROGRESS_DEADLINE_EXCEEDED) {
      status.withAvailableReplicas(0).withUnavailableReplicas(replicas)
          .addToConditions(new DeploymentConditionBuilder().withType("Progressing").withStatus("False")
              .withReason("ProgressDeadlineExceeded")
              .withMessage("ReplicaSet \"" + d.getMetadata().getName() + "-5d9f8\" has timed out progressing.").build());
    } else {
      status.withAvailableReplicas(0).withUnavailableReplicas(replicas);
      failingPod(d, d.getSpec().getTemplate(), behaviour);
    }
    d.setStatus(status.build());
    client.apps().deployments().resource(d).updateStatus();
  }

  private void statefulSet(StatefulSet seen) {
    var s = client.apps().statefulSets().inNamespace(seen.getMetadata().getNamespace()).withName(seen.getMetadata().getName()).get();
    if (s == null || s.getStatus() != null && observed(s.getMetadata().getGeneration(), s.getStatus().getObservedGeneration())) {
      return;
    }
    int replicas = s.getSpec().getReplicas() == null ? 1 : s.getSpec().getReplicas();
    boolean ready = behaviour(s) == Behaviour.READY;
    s.setStatus(new StatefulSetStatusBuilder().withObservedGeneration(s.getMetadata().getGeneration())
        .withReplicas(replicas).withReadyReplicas(ready ? replicas : 0).withUpdatedReplicas(replicas)
        .withCurrentRevision(s.getMetadata().getName() + "-7b6c5").withUpdateRevision(s.getMetadata().getName() + "-7b6c5").build());
    if (!ready) {
      failingPod(s, s.getSpec().getTemplate(), behaviour(s));
    }
    client.apps().statefulSets().resource(s).updateStatus();
  }

  private void daemonSet(DaemonSet seen) {
    var ds = client.apps().daemonSets().inNamespace(seen.getMetadata().getNamespace()).withName(seen.getMetadata().getName()).get();
    if (ds == null || ds.getStatus() != null && observed(ds.getMetadata().getGeneration(), ds.getStatus().getObservedGeneration())) {
      return;
    }
    boolean ready = behaviour(ds) == Behaviour.READY;
    ds.setStatus(new DaemonSetStatusBuilder().withObservedGeneration(ds.getMetadata().getGeneration())
        .withDesiredNumberScheduled(1).withCurrentNumberScheduled(1).withUpdatedNumberScheduled(1)
        .withNumberReady(ready ? 1 : 0).withNumberAvailable(ready ? 1 : 0).withNumberMisscheduled(0).build());
    if (!ready) {
      failingPod(ds, ds.getSpec().getTemplate(), behaviour(ds));
    }
    client.apps().daemonSets().resource(ds).updateStatus();
  }

  private void job(Job seen) {
    var job = client.batch().v1().jobs().inNamespace(seen.getMetadata().getNamespace()).withName(seen.getMetadata().getName()).get();
    if (job == null || job.getStatus() != null && !job.getStatus().getConditions().isEmpty()) {
      return;
    }
    Behaviour behaviour = behaviour(job);
    if (behaviour == Behaviour.JOB_FAILED) {
      failingPod(job, job.getSpec().getTemplate(), behaviour);
      job.setStatus(new JobStatusBuilder().withFailed(2).withSucceeded(0)
          .addToConditions(new JobConditionBuilder().withType("Failed").withStatus("True").withReason("BackoffLimitExceeded")
              .withMessage("Job has reached the specified backoff limit").build()).build());
    } else if (behaviour == Behaviour.READY) {
      job.setStatus(new JobStatusBuilder().withSucceeded(1)
          .addToConditions(new JobConditionBuilder().withType("Complete").withStatus("True").build()).build());
    } else {
      failingPod(job, job.getSpec().getTemplate(), behaviour);
      job.setStatus(new JobStatusBuilder().withActive(1).build());
    }
    client.batch().v1().jobs().resource(job).updateStatus();
  }

  private void crd(CustomResourceDefinition seen) {
    var crd = client.apiextensions().v1().customResourceDefinitions().withName(seen.getMetadata().getName()).get();
    if (crd == null || crd.getStatus() != null && !crd.getStatus().getConditions().isEmpty()) {
      return;
    }
    crd.setStatus(new CustomResourceDefinitionStatusBuilder()
        .addToConditions(new CustomResourceDefinitionConditionBuilder().withType("NamesAccepted").withStatus("True").build())
        .addToConditions(new CustomResourceDefinitionConditionBuilder()
            .withType("Established").withStatus(behaviour(crd) == Behaviour.READY ? "True" : "False").build())
        .build());
    client.apiextensions().v1().customResourceDefinitions().resource(crd).updateStatus();
  }

  /** The pod name the fake controllers give the one pod of a workload. */
  static String podName(String workload) {
    return workload + "-5d9f8-x2x1q";
  }

  /** Creates the failing pod of a workload, its Warning events, and its logs. */
  private void failingPod(HasMetadata owner, PodTemplateSpec template, Behaviour behaviour) {
    String ns = owner.getMetadata().getNamespace();
    String workload = owner.getMetadata().getName();
    String pod = podName(workload);
    String container = template.getSpec().getContainers().get(0).getName();
    String image = template.getSpec().getContainers().get(0).getImage();
    var status = new ContainerStatusBuilder().withName(container).withImage(image).withReady(false);
    boolean previous = false;
    switch (behaviour) {
      case CRASH_LOOP -> {
        previous = true;
        status.withRestartCount(4)
            .withNewState().withNewWaiting().withReason("CrashLoopBackOff")
            .withMessage("back-off 1m20s restarting failed container=" + container + " pod=" + pod).endWaiting().endState()
            .withNewLastState().withNewTerminated().withExitCode(1).withReason("Error").endTerminated().endLastState();
        event(ns, pod, "BackOff", "Back-off restarting failed container " + container + " in pod " + pod, 12, LATER_EVENT_TIME);
      }
      case IMAGE_PULL_BACK_OFF, ERR_IMAGE_PULL -> {
        String reason = behaviour == Behaviour.ERR_IMAGE_PULL ? "ErrImagePull" : "ImagePullBackOff";
        status.withRestartCount(0).withNewState().withNewWaiting().withReason(reason)
            .withMessage("Back-off pulling image \"" + image + "\"").endWaiting().endState();
        event(ns, pod, "Failed", "Failed to pull image \"" + image + "\": not found", 3, EVENT_TIME);
        event(ns, pod, "Failed", "Error: " + reason, 3, LATER_EVENT_TIME);
      }
      case CREATE_CONTAINER_CONFIG_ERROR -> {
        status.withRestartCount(0).withNewState().withNewWaiting().withReason("CreateContainerConfigError")
            .withMessage("configmap \"missing-config\" not found").endWaiting().endState();
        event(ns, pod, "Failed", "Error: configmap \"missing-config\" not found", 5, LATER_EVENT_TIME);
      }
      case JOB_FAILED -> {
        status.withRestartCount(0).withNewState().withNewTerminated().withExitCode(2).withReason("Error").endTerminated().endState();
        event(ns, workload, "BackoffLimitExceeded", "Job has reached the specified backoff limit", 1, LATER_EVENT_TIME);
      }
      default -> { // NEVER_READY: running, its readiness probe failing
        status.withRestartCount(0).withNewState().withNewRunning().withStartedAt(EVENT_TIME).endRunning().endState();
        event(ns, pod, "Unhealthy", "Readiness probe failed: HTTP probe failed with statuscode: 503", 7, LATER_EVENT_TIME);
      }
    }
    Pod created = new PodBuilder()
        .withNewMetadata().withName(pod).withNamespace(ns).withLabels(template.getMetadata().getLabels()).endMetadata()
        .withSpec(template.getSpec())
        .withNewStatus().withPhase(behaviour == Behaviour.JOB_FAILED ? "Failed" : behaviour == Behaviour.NEVER_READY || behaviour == Behaviour.CRASH_LOOP ? "Running" : "Pending")
        .withContainerStatuses(status.build()).endStatus()
        .build();
    if (owner instanceof Job) {
      created.getMetadata().getLabels().put("job-name", workload);
    }
    // Logs and events first: devenv may read them the moment it sees the pod.
    List<String> lines = logs.getOrDefault(workload, List.of("starting " + workload, "fatal: cannot start"));
    server.expect().get()
        .withPath("/api/v1/namespaces/" + ns + "/pods/" + pod + "/log?pretty=false&container=" + container
            + (previous ? "&previous=true" : "") + "&tailLines=" + FailureReport.LOG_LINES)
        .andReturn(200, String.join("\n", lines) + "\n")
        .always();
    client.pods().inNamespace(ns).resource(created).create();
  }

  private void event(String ns, String involved, String reason, String message, int count, String time) {
    String kind = involved.endsWith("-x2x1q") ? "Pod" : "Job";
    client.v1().events().inNamespace(ns).resource(new EventBuilder()
        .withNewMetadata().withName(involved + "." + reason.toLowerCase() + "." + time.replaceAll("\\D", "")).endMetadata()
        .withType("Warning").withReason(reason).withMessage(message).withCount(count)
        .withFirstTimestamp(EVENT_TIME).withLastTimestamp(time)
        .withNewInvolvedObject().withKind(kind).withName(involved).withNamespace(ns).endInvolvedObject()
        .build()).create();
  }

  @Override
  public void close() {
    closed = true;
    watches.forEach(Watch::close);
    executor.shutdownNow();
  }
}
