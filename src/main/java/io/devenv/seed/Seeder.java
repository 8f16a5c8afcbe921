package io.devenv.seed;

import io.devenv.aws.AwsClients;
import io.devenv.aws.AwsErrors;
import io.devenv.core.DaemonThreads;
import io.devenv.core.DevenvException;
import io.devenv.core.Progress;
import io.devenv.profile.Profile;
import io.devenv.profile.SeedSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Loads a profile's seed data into resources that exist: directory trees into buckets, item
 * files into tables, message files into queues (and, on reset, declared values back into secrets
 * and parameters). Every file is read and checked before anything is written; then the work runs
 * on one bounded pool, all targets at once. Converges: what the emulator already has is skipped,
 * and the record of what was loaded lives in the emulator (see {@link SeedLedger}).
 */
public final class Seeder {
  /** Requests in flight at once, all targets together. */
  public static final int DEFAULT_PARALLELISM = 32;
  /** Threads for streamed targets (queue and table files), one each, at most. */
  static final int MAX_LANES = 8;
  /** Bytes of records a streamed target has in flight at most: a file is read no faster than it is sent. */
  static final long MAX_BYTES_IN_FLIGHT = 4L * 1024 * 1024;
  /** A target's line when the emulator went away; the run's error says where and what to do. */
  private static final String STOPPED = "not loaded: the emulator stopped answering";

  private final AwsClients aws;
  private final Progress progress;
  private final int parallelism;
  private KnownObjects known = KnownObjects.NONE;
  private boolean emptyEmulator;
  private io.devenv.aws.ResourceGate gate;

  public Seeder(AwsClients aws, Progress progress) {
    this(aws, progress, DEFAULT_PARALLELISM);
  }

  public Seeder(AwsClients aws, Progress progress, int parallelism) {
    this.aws = aws;
    this.progress = progress;
    this.parallelism = parallelism;
  }

  /** Objects whose headers a reset need not ask for (a checkpoint's record of them). */
  public Seeder withKnownObjects(KnownObjects known) {
    this.known = known;
    return this;
  }

  /**
   * Seeds an emulator known to hold nothing yet (a container this up created, without state to
   * load, just provisioned): no seed record, no restore mark and no object can be there, so none
   * is asked for. The files are read and checked as always.
   */
  public Seeder onEmptyEmulator(boolean empty) {
    this.emptyEmulator = empty;
    return this;
  }

  /**
   * Loads each target as soon as the provisioning run feeding {@code gate} has made its resource,
   * while the others are still being made; a target whose resource failed is not loaded. Every
   * file is still read and checked before anything is written.
   */
  public Seeder after(io.devenv.aws.ResourceGate gate) {
    this.gate = gate;
    return this;
  }

  /**
   * @param reset empty each target (objects under the prefix, every item of the table, every
   *     message of the queue) and load it again; also put back declared secret and parameter values
   */
  public SeedReport seed(Profile profile, boolean reset) {
    long start = System.nanoTime();
    List<SeedTarget> targets = targets(profile, reset);
    if (targets.isEmpty()) {
      return new SeedReport(List.of(), Duration.ZERO);
    }
    aws.checkReachable();
    RestoreMark mark = new RestoreMark(aws, profile.name());
    if (reset) {
      mark.clear();
    } else if (!emptyEmulator) {
      String checkpoint = mark.checkpoint();
      if (checkpoint != null) {
        progress.info("seed: skipped, the data was restored from checkpoint " + checkpoint
            + " (devenv seed --reset loads the seed files)");
        return new SeedReport(List.of(), Duration.ofNanos(System.nanoTime() - start));
      }
    }
    ExecutorService pool = Executors.newFixedThreadPool(parallelism, DaemonThreads.numbered("devenv-seed-"));
    // Streamed targets (queue and table files) read on threads of their own: a queue's batches
    // would otherwise wait behind the whole backlog of items and objects, and a reader waiting for
    // room on the pool must not hold one of the pool's threads.
    int streamed = (int) Math.max(1, Math.min(MAX_LANES, targets.stream().filter(SeedTarget::streamed).count()));
    ExecutorService lanes = Executors.newFixedThreadPool(streamed, DaemonThreads.numbered("devenv-seed-lane-"));
    try {
      Map<SeedTarget, Progress.Step> steps = new LinkedHashMap<>();
      targets.forEach(t -> steps.put(t, progress.start(SeedSteps.name(t.describe()))));
      long started = System.nanoTime();
      try {
        prepare(targets, reset, pool);
      } catch (DevenvException e) {
        boolean gone = AwsErrors.isConnectionFailure(e);
        steps.values().forEach(step -> step.failed(gone ? STOPPED : "not loaded: a seed file is wrong"));
        throw gone ? AwsErrors.stopped(aws.endpoint(), e) : e;
      }
      try {
        List<SeedReport.TargetResult> results = load(targets, steps, started, reset, pool, lanes);
        return new SeedReport(results, Duration.ofNanos(System.nanoTime() - start));
      } catch (DevenvException e) {
        // Said once for the run, not once per target: it is the emulator that went away.
        throw AwsErrors.isConnectionFailure(e) ? AwsErrors.stopped(aws.endpoint(), e) : e;
      }
    } finally {
      pool.shutdownNow();
      lanes.shutdownNow();
    }
  }

  private List<SeedTarget> targets(Profile profile, boolean reset) {
    SeedSpec seed = profile.seed();
    SeedLedger ledger = new SeedLedger(aws, profile.name(), emptyEmulator);
    List<SeedTarget> targets = new ArrayList<>();
    seed.buckets().forEach(b -> targets.add(new BucketSeeder(aws, b, known, emptyEmulator)));
    seed.tables().forEach(t -> targets.add(new TableSeeder(aws, t, ledger, emptyEmulator ? declaredKeys(profile, t.table()) : null)));
    seed.queues().forEach(q -> targets.add(new QueueSeeder(aws, q, ledger, emptyEmulator)));
    if (reset && !profile.aws().secrets().isEmpty()) {
      targets.add(ValueSeeder.secrets(aws, profile.name(), profile.aws().secrets()));
    }
    if (reset && !profile.aws().parameters().isEmpty()) {
      targets.add(ValueSeeder.parameters(aws, profile.name(), profile.aws().parameters()));
    }
    return targets;
  }

  /** The table's keys as the profile declares them: on an emulator known empty, the table was made from them. */
  private static TableKeys declaredKeys(Profile profile, String table) {
    return profile.aws().tables().stream().filter(t -> t.name().equals(table)).findFirst().map(TableKeys::of).orElse(null);
  }

  /** Reads and checks every target, in parallel; fails, having written nothing, if any is wrong. */
  private void prepare(List<SeedTarget> targets, boolean reset, ExecutorService pool) {
    List<CompletableFuture<Void>> futures = targets.stream()
        .map(t -> CompletableFuture.runAsync(() -> guarded(t, () -> t.prepare(reset)), pool)).toList();
    List<DevenvException> failures = new ArrayList<>();
    for (CompletableFuture<Void> f : futures) {
      try {
        f.join();
      } catch (RuntimeException e) {
        failures.add(AwsErrors.wrap("seed", "", aws.endpoint(), e));
      }
    }
    throwIfAny(failures);
  }

  private List<SeedReport.TargetResult> load(List<SeedTarget> targets, Map<SeedTarget, Progress.Step> steps, long started,
      boolean reset, ExecutorService pool, ExecutorService lanes) {
    AtomicReference<RuntimeException> firstFailure = new AtomicReference<>();
    List<CompletableFuture<SeedReport.TargetResult>> futures = new ArrayList<>();
    for (SeedTarget target : targets) {
      Progress.Step step = steps.get(target);
      // Without a gate every resource exists already; with one, this target's is awaited alone.
      CompletableFuture<Void> open = gate == null ? CompletableFuture.completedFuture(null) : gate.of(target.kind, target.name);
      CompletableFuture<Void> cleared = reset
          ? open.thenRunAsync(unit(target, target::clear, firstFailure), pool)
          : open;
      CompletableFuture<Void> loaded = cleared.thenCompose(v -> runUnits(target, pool, lanes, firstFailure));
      futures.add(loaded.handle((v, failure) -> {
        try {
          if (failure == null) {
            guarded(target, target::finish);
          } else {
            // Record what was acknowledged before the failure, if the emulator still answers.
            target.finish();
          }
        } catch (RuntimeException e) {
          failure = failure == null ? e : failure;
        }
        if (failure != null) {
          step.failed(gate != null && gate.failed() ? "not loaded: the AWS resources failed"
              : AwsErrors.isConnectionFailure(failure) ? STOPPED
              : AwsErrors.wrap("seed " + target.kind, target.name, aws.endpoint(), failure).getMessage());
          throw failure instanceof RuntimeException r ? r : new IllegalStateException(failure);
        }
        step.done(target.outcome());
        return target.result(System.nanoTime() - started);
      }));
    }
    List<SeedReport.TargetResult> results = new ArrayList<>();
    List<DevenvException> failures = new ArrayList<>();
    for (int i = 0; i < futures.size(); i++) {
      try {
        results.add(futures.get(i).join());
      } catch (RuntimeException e) {
        if (!(AwsErrors.unwrap(e) instanceof CancellationException)) {
          failures.add(AwsErrors.wrap("seed " + targets.get(i).kind, targets.get(i).name, aws.endpoint(), e));
        }
      }
    }
    if (failures.isEmpty() && firstFailure.get() != null) {
      failures.add(AwsErrors.wrap("seed", "", aws.endpoint(), firstFailure.get()));
    }
    throwIfAny(failures);
    return results;
  }

  private CompletableFuture<Void> runUnits(SeedTarget target, ExecutorService pool, ExecutorService lanes,
      AtomicReference<RuntimeException> failure) {
    if (target.streamed()) {
      return CompletableFuture.runAsync(() -> stream(target, pool, failure), lanes);
    }
    List<Runnable> units = target.units();
    if (target.ordered()) {
      CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
      for (Runnable u : units) {
        chain = chain.thenRunAsync(unit(target, u, failure), pool);
      }
      return chain;
    }
    return CompletableFuture.allOf(units.stream()
        .map(u -> CompletableFuture.runAsync(unit(target, u, failure), pool))
        .toArray(CompletableFuture[]::new));
  }

  /**
   * Runs a streamed target's reader on this (lane) thread: units in order run here, one after the
   * other; the others go to the pool, with at most {@link #MAX_BYTES_IN_FLIGHT} of them in flight.
   */
  private void stream(SeedTarget target, ExecutorService pool, AtomicReference<RuntimeException> failure) {
    if (target.ordered()) {
      target.produce((u, bytes) -> unit(target, u, failure).run());
      return;
    }
    InFlight flight = new InFlight(parallelism, MAX_BYTES_IN_FLIGHT);
    AtomicReference<RuntimeException> own = new AtomicReference<>();
    try {
      target.produce((u, bytes) -> {
        if (failure.get() != null) {
          throw new CancellationException("stopped after an earlier failure");
        }
        long weight = flight.acquire(bytes);
        try {
          pool.execute(() -> {
            try {
              unit(target, u, failure).run();
            } catch (RuntimeException e) {
              own.compareAndSet(null, e);
            } finally {
              flight.release(weight);
            }
          });
        } catch (RuntimeException e) {
          flight.release(weight);
          throw e;
        }
      });
    } finally {
      // The ledger is written after the last unit: wait for those in flight, even on failure.
      flight.awaitIdle();
    }
    if (own.get() != null) {
      throw own.get();
    }
  }

  /** A unit that does nothing once any unit has failed: the run is over, stop sending. */
  private Runnable unit(SeedTarget target, Runnable work, AtomicReference<RuntimeException> failure) {
    return () -> {
      if (failure.get() != null) {
        throw new CancellationException("stopped after an earlier failure");
      }
      try {
        work.run();
      } catch (RuntimeException e) {
        failure.compareAndSet(null, AwsErrors.wrap("seed " + target.kind, target.name, aws.endpoint(), e));
        throw e;
      }
    };
  }

  private void guarded(SeedTarget target, Runnable work) {
    try {
      work.run();
    } catch (RuntimeException e) {
      throw AwsErrors.wrap("seed " + target.kind, target.name, aws.endpoint(), e);
    }
  }

  private static void throwIfAny(List<DevenvException> failures) {
    if (failures.isEmpty()) {
      return;
    }
    DevenvException first = failures.get(0);
    List<String> others = failures.subList(1, failures.size()).stream().map(Throwable::getMessage)
        .filter(m -> !m.equals(first.getMessage())).distinct().toList();
    throw new DevenvException(first.exitCode(), first.getMessage(), others.isEmpty() ? null : String.join("\n", others), first);
  }
}
