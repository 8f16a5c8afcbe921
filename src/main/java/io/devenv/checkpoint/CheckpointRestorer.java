package io.devenv.checkpoint;

import io.devenv.aws.AwsClients;
import io.devenv.aws.AwsProvisioner;
import io.devenv.core.DevenvException;
import io.devenv.core.Progress;
import io.devenv.kubernetes.SeededConfigMaps;
import io.devenv.profile.BucketSpec;
import io.devenv.profile.Profile;
import io.devenv.seed.KnownObjects;
import io.devenv.seed.RestoreMark;
import io.devenv.seed.SeedReport;
import io.devenv.seed.Seeder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.s3.model.NotificationConfiguration;

/**
 * {@code devenv checkpoint restore}: checks that the checkpoint fits (nothing is emptied when it
 * does not), then empties every declared resource and loads the checkpoint with the seeder, then
 * records in the seed ledger that the data came from this checkpoint.
 *
 * <p>Bucket notifications are switched off while objects are loaded (a restored object must not
 * announce itself as a new upload in a restored queue) and converged back to the profile by the
 * provisioner before the queues are loaded; a restore killed in between leaves them off until the
 * next restore or {@code devenv up}.
 */
public final class CheckpointRestorer {
  private final AwsClients aws;
  private final CheckpointStore store;
  private final Progress progress;
  private final int parallelism;
  private final SeededConfigMaps configMaps;

  public CheckpointRestorer(AwsClients aws, CheckpointStore store, Progress progress) {
    this(aws, store, progress, Seeder.DEFAULT_PARALLELISM);
  }

  public CheckpointRestorer(AwsClients aws, CheckpointStore store, Progress progress, int parallelism) {
    this(aws, store, progress, parallelism, null);
  }

  /** @param configMaps the cluster's seeded ConfigMaps; null when the profile seeds none or has no cluster */
  public CheckpointRestorer(AwsClients aws, CheckpointStore store, Progress progress, int parallelism,
      SeededConfigMaps configMaps) {
    this.aws = aws;
    this.store = store;
    this.progress = progress;
    this.parallelism = parallelism;
    this.configMaps = configMaps;
  }

  public SeedReport restore(Profile profile, CheckpointName name) {
    Manifest manifest = store.manifest(name);
    Path dir = store.dir(name);
    aws.checkReachable();
    new RestoreCheck(aws).check(profile, name.value(), manifest, dir);
    Path scratch = null;
    try {
      // ConfigMaps first: a cluster that does not answer fails the restore before any AWS data is emptied.
      List<SeedReport.TargetResult> maps = restoreConfigMaps(profile, manifest, dir, name.value());
      scratch = Files.createTempDirectory("devenv-restore-");
      Profile seeded = CheckpointProfile.of(profile, manifest, dir, scratch);
      boolean notifying = profile.aws().buckets().stream().anyMatch(b -> !b.notifications().isEmpty());
      Map<String, Map<String, KnownObjects.Version>> known = new HashMap<>();
      for (Manifest.Bucket b : manifest.buckets()) {
        known.put(b.name(), BucketSaver.versions(dir.resolve("buckets").resolve(b.name() + ".objects.ndjson")));
      }
      Seeder seeder = new Seeder(aws, progress, parallelism).withKnownObjects(new KnownObjects(known));
      SeedReport report;
      if (notifying) {
        // Objects load with notifications off, then notifications are put back (S3 answers with a
        // test event in each queue), then the queues are emptied and loaded: none holds a stray event.
        silence(profile);
        SeedReport objects = seeder.seed(CheckpointProfile.bucketsOnly(seeded), true);
        new AwsProvisioner(aws, Progress.SILENT).provision(profile);
        SeedReport rest = seeder.seed(CheckpointProfile.withoutBuckets(seeded), true);
        List<SeedReport.TargetResult> targets = new ArrayList<>(objects.targets());
        targets.addAll(rest.targets());
        report = new SeedReport(targets, objects.elapsed().plus(rest.elapsed()));
      } else {
        report = seeder.seed(seeded, true);
      }
      new RestoreMark(aws, profile.name()).set(name.value());
      if (maps.isEmpty()) {
        return report;
      }
      List<SeedReport.TargetResult> all = new ArrayList<>(maps);
      all.addAll(report.targets());
      return new SeedReport(all, report.elapsed().plus(maps.stream().map(SeedReport.TargetResult::elapsed)
          .reduce(java.time.Duration.ZERO, java.time.Duration::plus)));
    } catch (IOException e) {
      throw DevenvException.failure("cannot read checkpoint " + name + " (" + e.getMessage() + ")", e);
    } finally {
      if (scratch != null) {
        try {
          CheckpointStore.delete(scratch);
        } catch (IOException e) {
          // A temporary file left behind is harmless.
        }
      }
    }
  }

  private List<SeedReport.TargetResult> restoreConfigMaps(Profile profile, Manifest manifest, Path dir, String checkpoint)
      throws IOException {
    List<SeedReport.TargetResult> results = new ArrayList<>();
    for (Manifest.ConfigMap m : manifest.configMaps()) {
      if (configMaps == null) {
        throw DevenvException.failure("checkpoint " + checkpoint + " holds ConfigMap " + m.namespace() + "/" + m.name()
            + " but no cluster was given to restore it into", null);
      }
      long start = System.nanoTime();
      SeededConfigMaps.Ref ref = new SeededConfigMaps.Ref(m.namespace(), m.name());
      Progress.Step step = progress.start("restore ConfigMap " + ref);
      try {
        boolean changed = configMaps.restore(profile, ref, ConfigMapFiles.read(dir, m), checkpoint);
        step.done(changed ? m.keys() + " keys written" : "unchanged (" + m.keys() + " keys)");
        results.add(new SeedReport.TargetResult("configmap", ref.toString(), m.keys(), changed ? m.keys() : 0,
            changed ? 0 : m.keys(), java.time.Duration.ofNanos(System.nanoTime() - start)));
      } catch (RuntimeException e) {
        step.failed(e.getMessage());
        throw e;
      }
    }
    return results;
  }

  private void silence(Profile profile) {
    for (BucketSpec b : profile.aws().buckets()) {
      if (!b.notifications().isEmpty()) {
        aws.s3().putBucketNotificationConfiguration(r -> r.bucket(b.name())
            .notificationConfiguration(NotificationConfiguration.builder().build()));
      }
    }
  }
}
