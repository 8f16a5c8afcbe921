package io.devenv.seed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devenv.aws.AwsClients;
import io.devenv.aws.AwsProvisioner;
import io.devenv.aws.ResourceGate;
import io.devenv.core.Progress;
import io.devenv.engine.AwsService;
import io.devenv.profile.BucketSpec;
import io.devenv.profile.Origin;
import io.devenv.profile.Profile;
import io.devenv.profile.QueueSpec;
import io.devenv.profile.SeedSpec;
import io.devenv.profile.TableSpec;
import io.devenv.testing.AwsAssertions;
import io.devenv.testing.Emulator;
import io.devenv.testing.EmulatorProcess;
import io.devenv.testing.OnEachEmulator;
import io.devenv.testing.TestProfiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Seeding beside provisioning ({@link Seeder#after}, {@link Seeder#onEmptyEmulator}): each target
 * loads once its own resource is made, never before; a failed provisioning loads nothing more;
 * the result is what seeding after provisioning gives. Against each real emulator, a new process
 * per test (known empty, as a container up just created).
 */
@OnEachEmulator
class SeedBesideProvisioningTest {
  @Parameter
  Emulator kind;

  @TempDir
  Path dir;

  private EmulatorProcess emulator;

  @AfterEach
  void stop() {
    if (emulator != null) {
      emulator.stop();
    }
  }

  @Test
  @DisplayName("on an empty emulator, seeding beside provisioning loads every target once; a full run after it finds all loaded")
  void besideProvisioning() throws Exception {
    // Given a new emulator and a profile with a bucket, a queue and (where served) a table, each seeded
    emulator = kind.start();
    Profile profile = profile(kind.offers(AwsService.DYNAMODB));
    try (AwsClients aws = new AwsClients(emulator.awsAccess())) {
      // When provisioning and seeding run at once, the seeding gated on the provisioning
      ResourceGate gate = new ResourceGate();
      CompletableFuture<SeedReport> seeding = CompletableFuture.supplyAsync(
          () -> new Seeder(aws, Progress.SILENT).onEmptyEmulator(true).after(gate).seed(profile, false));
      new AwsProvisioner(aws, Progress.SILENT).onEmptyEmulator(true).withGate(gate).provision(profile);
      SeedReport report = seeding.get(60, TimeUnit.SECONDS);

      // Then every record of every target was loaded
      assertThat(report.targets()).as("targets").hasSize(profile.seed().buckets().size() + profile.seed().queues().size()
          + profile.seed().tables().size());
      assertThat(report.targets()).allSatisfy(t -> assertThat(t.loaded()).as(t.kind() + " " + t.name()).isEqualTo(t.total()));
      assertThat(messages(aws, "beside-q")).as("messages in the queue").isEqualTo(3);
      assertThat(aws.s3().listObjectsV2(r -> r.bucket("beside-bucket")).contents()).as("objects").hasSize(2);
      // And the full run of a later up (ledger, listing) finds everything loaded
      SeedReport again = new Seeder(aws, Progress.SILENT).seed(profile, false);
      assertThat(again.targets()).allSatisfy(t -> assertThat(t.loaded()).as("loaded again: " + t.name()).isZero());
      assertThat(messages(aws, "beside-q")).as("no message sent twice").isEqualTo(3);
    }
  }

  @Test
  @DisplayName("a target waits for its own resource's gate; when provisioning fails, what is still waiting is never loaded")
  void waitsForItsGate() throws Exception {
    // Given the resources made already, and a seeding gated on a provisioning the test plays
    emulator = kind.start();
    Profile profile = profile(false);
    try (AwsClients aws = new AwsClients(emulator.awsAccess())) {
      new AwsProvisioner(aws, Progress.SILENT).provision(profile);
      ResourceGate gate = new ResourceGate();
      CompletableFuture<SeedReport> seeding = CompletableFuture.supplyAsync(
          () -> new Seeder(aws, Progress.SILENT).onEmptyEmulator(true).after(gate).seed(profile, false));

      // When no gate is open yet, nothing is loaded
      Thread.sleep(500);
      assertThat(aws.s3().listObjectsV2(r -> r.bucket("beside-bucket")).contents()).as("objects before the gate").isEmpty();
      assertThat(seeding).as("seeding").isNotDone();

      // When the bucket's gate opens, its objects load; then provisioning fails before the queue's opens
      gate.ready("bucket", "beside-bucket");
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (aws.s3().listObjectsV2(r -> r.bucket("beside-bucket")).contents().size() < 2 && System.nanoTime() < until) {
        Thread.sleep(50);
      }
      gate.fail(new IllegalStateException("create queue beside-q failed"));

      // Then the seeding fails, the bucket loaded and the queue untouched
      assertThatThrownBy(() -> seeding.get(20, TimeUnit.SECONDS)).hasMessageContaining("create queue beside-q failed");
      assertThat(aws.s3().listObjectsV2(r -> r.bucket("beside-bucket")).contents()).as("objects").hasSize(2);
      assertThat(messages(aws, "beside-q")).as("messages sent after the failure").isZero();
    }
  }

  private Profile profile(boolean withTable) throws Exception {
    Path objects = Files.createDirectories(dir.resolve("objects"));
    Files.writeString(objects.resolve("a.txt"), "a");
    Files.writeString(objects.resolve("b.json"), "{}");
    Path messages = Files.writeString(dir.resolve("m.ndjson"), "{\"body\":\"1\"}\n{\"body\":\"2\"}\n{\"body\":\"3\"}\n");
    Path items = Files.writeString(dir.resolve("items.ndjson"), "{\"id\":\"x\"}\n{\"id\":\"y\"}\n");
    List<TableSpec> tables = new ArrayList<>();
    List<SeedSpec.TableSeed> tableSeeds = new ArrayList<>();
    if (withTable) {
      tables.add(new TableSpec(Origin.NONE, "beside-table", TestProfiles.key("id", TableSpec.AttributeType.S), null, List.of(),
          null, null));
      tableSeeds.add(new SeedSpec.TableSeed(Origin.NONE, "beside-table", items));
    }
    return TestProfiles.profile("beside", TestProfiles.aws(
        List.of(new BucketSpec(Origin.NONE, "beside-bucket", false, List.of(), List.of())),
        List.of(new QueueSpec(Origin.NONE, "beside-q", null, null, null, null, false, false)), List.of(), tables, List.of(),
        List.of(), List.of()),
        new SeedSpec(List.of(new SeedSpec.BucketSeed(Origin.NONE, "beside-bucket", objects, "")), tableSeeds,
            List.of(new SeedSpec.QueueSeed(Origin.NONE, "beside-q", messages)), List.of()));
  }

  private static int messages(AwsClients aws, String queue) {
    String url = aws.sqs().getQueueUrl(r -> r.queueName(queue)).queueUrl();
    return Integer.parseInt(aws.sqs().getQueueAttributes(r -> r.queueUrl(url)
        .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes()
        .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
  }
}
