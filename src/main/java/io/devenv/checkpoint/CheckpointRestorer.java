package io.devenv.checkpoint;

import io.devenv.aws.AwsClients;
import io.devenv.aws.AwsProvisioner;
import io.devenv.core.DevenvException;
import io.devenv.core.Progress;
import io.devenv.profile.BucketSpec;
import io.devenv.profile.Profile;
import io.devenv.seed.RestoreMark;
import io.devenv.seed.SeedReport;
import io.devenv.seed.Seeder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

  public CheckpointRestorer(AwsClients aws, CheckpointStore store, Progress progress) {
    this(aws, store, progress, Seeder.DEFAULT_PARALLELISM);
  }

  public CheckpointRestorer(AwsClients aws, CheckpointStore store, Progress progress, int parallelism) {
    this.aws = aws;
    this.store = store;
    this.progress = progress;
    this.parallelism = parallelism;
  }

  public SeedReport restore(Profile profile, CheckpointName name) {
    Manifest manifest = store.manifest(name);
    Path dir = store.dir(name);
    aws.checkReachable();
    new RestoreCheck(aws).check(profile, name.value(), manifest, dir);
    Path scratch = null;
    try {
      scratch = Files.createTempDirectory("devenv-restore-");
      Profile seeded = CheckpointProfile.of(profile, manifest, dir, scratch);
      boolean notifying = profile.aws().buckets().stream().anyMatch(b -> !b.notifications().isEmpty());
      Seeder seeder = new Seeder(aws, progress, parallelism);
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
      return report;
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

  private void silence(Profile profile) {
    for (BucketSpec b : profile.aws().buckets()) {
      if (!b.notifications().isEmpty()) {
        aws.s3().putBucketNotificationConfiguration(r -> r.bucket(b.name())
            .notificationConfiguration(NotificationConfiguration.builder().build()));
      }
    }
  }
}
