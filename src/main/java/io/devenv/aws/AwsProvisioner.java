package io.devenv.aws;

import io.devenv.core.DevenvException;
import io.devenv.core.Progress;
import io.devenv.profile.AwsSpec;
import io.devenv.profile.BucketSpec;
import io.devenv.profile.Profile;
import io.devenv.profile.QueueSpec;
import io.devenv.profile.TopicSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Creates every AWS resource a profile declares, in parallel where nothing depends on anything
 * else; a dead-letter queue before its queue, queues before the notifications and subscriptions
 * that send to them. Converges: what exists as declared is left alone and reported up to date,
 * what exists otherwise is reported as drift and never changed.
 */
public final class AwsProvisioner {
  /** Calls in flight at once, at least; a profile with more resources starts each at once (up to {@link #MAX_PARALLELISM}). */
  public static final int DEFAULT_PARALLELISM = 8;
  /**
   * Resources started at once, at most: every service's first request then reaches the emulator
   * together (MiniStack loads each service on its first request), not behind a full pool.
   */
  static final int MAX_PARALLELISM = 32;

  private final AwsClients aws;
  private final Progress progress;
  private final int parallelism;
  private boolean emptyEmulator;
  private ResourceGate gate;

  public AwsProvisioner(AwsClients aws, Progress progress) {
    this(aws, progress, DEFAULT_PARALLELISM);
  }

  public AwsProvisioner(AwsClients aws, Progress progress, int parallelism) {
    this.aws = aws;
    this.progress = progress;
    this.parallelism = parallelism;
  }

  /**
   * Provisions an emulator known to hold nothing yet (a container this up created, without state
   * to load): each resource is created without first asking whether it exists. One found there
   * after all (an init script of the image made it) is checked as on any emulator.
   */
  public AwsProvisioner onEmptyEmulator(boolean empty) {
    this.emptyEmulator = empty;
    return this;
  }

  /** Opens each resource's gate in {@code gate} as soon as that resource is provisioned (see {@link ResourceGate}). */
  public AwsProvisioner withGate(ResourceGate gate) {
    this.gate = gate;
    return this;
  }

  public ProvisionReport provision(Profile profile) {
    try {
      ProvisionReport report = provisionAll(profile);
      if (gate != null) {
        gate.finish();
      }
      return report;
    } catch (RuntimeException e) {
      if (gate != null) {
        gate.fail(e);
      }
      throw e;
    }
  }

  private ProvisionReport provisionAll(Profile profile) {
    long start = System.nanoTime();
    AwsSpec spec = profile.aws();
    if (spec.isEmpty()) {
      return new ProvisionReport(List.of(), Duration.ZERO);
    }
    aws.checkReachable();
    int threads = Math.max(parallelism, Math.min(MAX_PARALLELISM, spec.resourceCount()));
    ExecutorService pool = Executors.newFixedThreadPool(threads, io.devenv.core.DaemonThreads.numbered("devenv-aws-"));
    try {
      return new Run(profile, pool).execute(start);
    } finally {
      pool.shutdownNow();
    }
  }

  /** One provisioning run: its futures, by resource. */
  private final class Run {
    private final Profile profile;
    private final AwsSpec spec;
    private final ExecutorService pool;
    private final Map<String, QueueSpec> queueSpecs = new LinkedHashMap<>();
    private final Map<String, CompletableFuture<QueueProvisioner.Provisioned>> queues = new HashMap<>();
    private final QueueProvisioner queueProvisioner;
    private final BucketProvisioner bucketProvisioner;
    private final TopicProvisioner topicProvisioner;

    Run(Profile profile, ExecutorService pool) {
      this.profile = profile;
      this.spec = profile.aws();
      this.pool = pool;
      String name = profile.name();
      this.queueProvisioner = new QueueProvisioner(aws, name, emptyEmulator);
      this.bucketProvisioner = new BucketProvisioner(aws, name);
      this.topicProvisioner = new TopicProvisioner(aws, name);
      spec.queues().forEach(q -> queueSpecs.put(q.name(), q));
    }

    ProvisionReport execute(long start) {
      Map<String, List<CompletableFuture<ResourceResult>>> byKind = new LinkedHashMap<>();
      for (String kind : ProvisionReport.KINDS) {
        byKind.put(kind, new ArrayList<>());
      }
      // Slow, independent kinds first, so their waits overlap with everything else.
      spec.tables().forEach(t -> byKind.get("table").add(
          async("create table", t.name(), () -> new TableProvisioner(aws, profile.name(), emptyEmulator).ensure(t))));
      spec.streams().forEach(s -> byKind.get("stream").add(
          async("create stream", s.name(), () -> new StreamProvisioner(aws, profile.name(), emptyEmulator).ensure(s))));
      for (QueueSpec q : spec.queues()) {
        byKind.get("queue").add(queue(q.name(), new HashSet<>()).thenApply(QueueProvisioner.Provisioned::result));
      }
      spec.buckets().forEach(b -> byKind.get("bucket").add(bucket(b)));
      spec.topics().forEach(t -> byKind.get("topic").add(topic(t)));
      spec.secrets().forEach(s -> byKind.get("secret").add(
          async("create secret", s.name(), () -> new SecretProvisioner(aws, profile.name()).ensure(s, emptyEmulator))));
      spec.parameters().forEach(p -> byKind.get("parameter").add(
          async("create parameter", p.name(), () -> new ParameterProvisioner(aws, profile.name()).ensure(p, emptyEmulator))));
      if (gate != null) {
        byKind.values().forEach(futures -> futures.forEach(f -> f.thenAccept(r -> gate.ready(r.kind(), r.name()))));
      }
      return collect(byKind, start);
    }

    /** The queue's future, after its dead-letter queue's; each queue is provisioned once. */
    private CompletableFuture<QueueProvisioner.Provisioned> queue(String name, Set<String> visiting) {
      CompletableFuture<QueueProvisioner.Provisioned> known = queues.get(name);
      if (known != null) {
        return known;
      }
      QueueSpec q = queueSpecs.get(name);
      if (q == null) {
        throw DevenvException.invalid("queue " + name + " is referenced but not declared under aws.queues");
      }
      if (!visiting.add(name)) {
        throw DevenvException.invalid(q.origin() + ": queue " + name + " is its own dead-letter queue, through " + visiting);
      }
      CompletableFuture<String> dlqArn = q.deadLetter() == null
          ? CompletableFuture.completedFuture(null)
          : queue(q.deadLetter().queue(), visiting).thenApply(QueueProvisioner.Provisioned::arn);
      CompletableFuture<QueueProvisioner.Provisioned> future = dlqArn.thenApplyAsync(
          arn -> guarded("create queue", name, () -> queueProvisioner.ensure(q, arn, queueArn -> grants(name, queueArn))), pool);
      queues.put(name, future);
      return future;
    }

    /** The buckets and topics of the profile that send to this queue. */
    private List<QueuePolicy.Grant> grants(String queue, String queueArn) {
      List<QueuePolicy.Grant> grants = new ArrayList<>();
      for (BucketSpec b : spec.buckets()) {
        if (b.notifications().stream().anyMatch(n -> n.queue().equals(queue))) {
          grants.add(QueuePolicy.Grant.bucket(b.name()));
        }
      }
      for (TopicSpec t : spec.topics()) {
        if (t.subscriptions().stream().anyMatch(s -> s.queue().equals(queue))) {
          grants.add(QueuePolicy.Grant.topic(topicArn(queueArn, t.name()), t.name()));
        }
      }
      return grants;
    }

    /** Topic ARNs are predictable: same partition, region and account as the queue's own ARN. */
    private static String topicArn(String queueArn, String topic) {
      String[] parts = queueArn.split(":", 6);
      return "arn:" + parts[1] + ":sns:" + parts[3] + ":" + parts[4] + ":" + topic;
    }

    private CompletableFuture<ResourceResult> bucket(BucketSpec b) {
      CompletableFuture<Change> created = CompletableFuture.supplyAsync(
          () -> guarded("create bucket", b.name(), () -> bucketProvisioner.ensure(b)), pool);
      CompletableFuture<Map<String, String>> arns = queueArns(b.notifications().stream().map(BucketSpec.Notification::queue).toList());
      return created.thenCombineAsync(arns, (change, queueArns) -> guarded("configure notifications of bucket", b.name(), () -> {
        bucketProvisioner.ensureNotifications(b, queueArns, change);
        return change.result();
      }), pool);
    }

    private CompletableFuture<ResourceResult> topic(TopicSpec t) {
      Change change = new Change("topic", t.name());
      CompletableFuture<String> arn = CompletableFuture.supplyAsync(
          () -> guarded("create topic", t.name(), () -> topicProvisioner.ensure(t, change)), pool);
      CompletableFuture<Map<String, String>> arns = queueArns(t.subscriptions().stream().map(TopicSpec.Subscription::queue).toList());
      return arn.thenCombineAsync(arns, (topicArn, queueArns) -> guarded("subscribe queues to topic", t.name(), () -> {
        topicProvisioner.ensureSubscriptions(t, topicArn, queueArns, change);
        return change.result();
      }), pool);
    }

    private CompletableFuture<Map<String, String>> queueArns(List<String> names) {
      Map<String, CompletableFuture<QueueProvisioner.Provisioned>> futures = new LinkedHashMap<>();
      names.forEach(n -> futures.put(n, queue(n, new HashSet<>())));
      return CompletableFuture.allOf(futures.values().toArray(CompletableFuture[]::new)).thenApply(v -> {
        Map<String, String> arns = new HashMap<>();
        futures.forEach((n, f) -> arns.put(n, f.join().arn()));
        return arns;
      });
    }

    private <T> CompletableFuture<T> async(String operation, String name, Supplier<T> work) {
      return CompletableFuture.supplyAsync(() -> guarded(operation, name, work), pool);
    }

    private ProvisionReport collect(Map<String, List<CompletableFuture<ResourceResult>>> byKind, long start) {
      List<ResourceResult> results = new ArrayList<>();
      List<DevenvException> failures = new ArrayList<>();
      Map<String, Progress.Step> steps = new LinkedHashMap<>();
      byKind.forEach((kind, futures) -> {
        if (!futures.isEmpty()) {
          steps.put(kind, progress.start(AwsSteps.name(kind, futures.size())));
        }
      });
      for (Map.Entry<String, List<CompletableFuture<ResourceResult>>> entry : byKind.entrySet()) {
        List<ResourceResult> ofKind = new ArrayList<>();
        List<DevenvException> kindFailures = new ArrayList<>();
        for (CompletableFuture<ResourceResult> future : entry.getValue()) {
          try {
            ofKind.add(future.join());
          } catch (RuntimeException e) {
            kindFailures.add(AwsErrors.wrap("provision " + entry.getKey(), "", aws.endpoint(), e));
          }
        }
        results.addAll(ofKind);
        failures.addAll(kindFailures);
        Progress.Step step = steps.get(entry.getKey());
        if (step != null) {
          if (kindFailures.isEmpty()) {
            step.done(new ProvisionReport(ofKind, Duration.ZERO).counts(entry.getKey()).toString());
          } else {
            step.failed(kindFailures.get(0).getMessage());
          }
        }
      }
      if (!failures.isEmpty()) {
        DevenvException first = failures.get(0);
        String detail = failures.size() == 1 ? null
            : String.join("\n", failures.subList(1, failures.size()).stream().map(Throwable::getMessage).toList());
        throw new DevenvException(first.exitCode(), first.getMessage(), detail, first);
      }
      return new ProvisionReport(results, Duration.ofNanos(System.nanoTime() - start));
    }
  }

  private <T> T guarded(String operation, String name, Supplier<T> work) {
    try {
      return work.get();
    } catch (RuntimeException e) {
      throw AwsErrors.wrap(operation, name, aws.endpoint(), e);
    }
  }
}
