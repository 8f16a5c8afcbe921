package io.devenv.seed;

import static org.assertj.core.api.Assertions.assertThat;

import io.devenv.aws.AwsClients;
import io.devenv.aws.AwsProvisioner;
import io.devenv.core.DevenvException;
import io.devenv.core.Progress;
import io.devenv.profile.BucketSpec;
import io.devenv.profile.Origin;
import io.devenv.profile.Profile;
import io.devenv.profile.TableSpec;
import io.devenv.testing.AwsAssertions;
import io.devenv.engine.AwsService;
import io.devenv.testing.Emulator;
import io.devenv.testing.EmulatorProcess;
import io.devenv.testing.OnEachEmulator;
import io.devenv.testing.SeedData;
import io.devenv.testing.TestProfiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The emulator stops in the middle of seeding; it starts again and the run is repeated: nothing
 * the emulator kept is lost or sent twice, and the run completes. On each real emulator (LocalStack
 * without the table it cannot serve here, and without the restart that keeps state: it has none).
 */
@OnEachEmulator
class SeedFaultTest {
  static final int ITEMS = 3000;
  static final int OBJECTS = 150;
  static final int MESSAGES = 600;

  @TempDir
  static Path dir;

  private static EmulatorProcess ministack;
  private static Path stateDir;
  private static Profile profile;

  @Parameter
  Emulator kind;

  @BeforeParameterizedClassInvocation
  static void start(Emulator kind) throws Exception {
    ministack = kind.process().withPersistence(stateDir()).begin();
    data();
  }

  @AfterParameterizedClassInvocation
  static void stop() {
    if (ministack != null) {
      ministack.stop();
      ministack = null;
    }
  }

  private static Path stateDir() {
    try {
      stateDir = Files.createTempDirectory("devenv-ministack-state-");
      return stateDir;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  // The class's static @TempDir exists before each invocation starts.
  static void data() throws Exception {
    profile = TestProfiles.servedBy(TestProfiles.profile("fault",
        TestProfiles.aws(List.of(new BucketSpec(Origin.NONE, "fault-objects", false, List.of(), List.of())),
            List.of(SeedData.queue("fault-jobs")), List.of(),
            List.of(new TableSpec(Origin.NONE, "fault-items", TestProfiles.key("id", TableSpec.AttributeType.S), null,
                List.of(), null, null)),
            List.of(), List.of(), List.of()),
        SeedData.seed("fault-objects", SeedData.objects(dir, OBJECTS), "fault-items", SeedData.items(dir, ITEMS),
            "fault-jobs", SeedData.messages(dir, MESSAGES))), ministack);
  }

  @Test
  @DisplayName("stopped mid-seed (SIGTERM, state kept), restarted, run again: every record once, run completes")
  void stoppedAndRestartedWithState() throws Exception {
    ministack.assumeKeepsState();
    // Given a fresh emulator and seeding under way
    ministack.kill();
    deleteState();
    ministack.start();
    int atStop;
    try (AwsClients aws = new AwsClients(ministack.awsAccess())) {
      new AwsProvisioner(aws, Progress.SILENT).provision(profile);
      CompletableFuture<SeedReport> run = CompletableFuture.supplyAsync(() -> new Seeder(aws, Progress.SILENT).seed(profile, false));

      // When the emulator stops once some messages have arrived, and starts again with its state
      atStop = stopWhenMessagesArrive(aws, run);
      Throwable failure = run.handle((r, e) -> e).join();
      ministack.start();

      // Then the interrupted run failed with one line naming the endpoint
      assertThat(failure).as("the interrupted run's failure").isNotNull();
      assertThat(failure.getCause()).as("cause").isInstanceOf(DevenvException.class);
      assertThat(failure.getCause().getMessage()).as("message").contains(ministack.endpoint().toString()).doesNotContain("\n");

    }
    // When it runs again, as a new devenv process would (new connections)
    try (AwsClients aws = new AwsClients(ministack.awsAccess())) {
      new AwsProvisioner(aws, Progress.SILENT).provision(profile);
      SeedReport second = new Seeder(aws, Progress.SILENT).seed(profile, false);

      // Then everything is there once, and what the first run recorded was not sent again
      assertThat(second.target("queue", "fault-jobs").unchanged()).as("messages the record kept from the first run")
          .isGreaterThan(0);
      assertComplete(aws, atStop);
    }
  }

  @Test
  @DisplayName("killed mid-seed (SIGKILL), restarted empty, run again: everything is seeded again, once")
  void killedAndRestartedEmpty() throws Exception {
    ministack.kill();
    deleteState();
    ministack.start();
    int atKill;
    try (AwsClients aws = new AwsClients(ministack.awsAccess())) {
      new AwsProvisioner(aws, Progress.SILENT).provision(profile);
      CompletableFuture<SeedReport> run = CompletableFuture.supplyAsync(() -> new Seeder(aws, Progress.SILENT).seed(profile, false));

      // When the emulator dies and comes back empty
      atKill = stopWhenMessagesArrive(aws, run, true);
      assertThat(run.handle((r, e) -> e).join()).as("the interrupted run's failure").isNotNull();
    }
    deleteState();
    ministack.start();

    // Then a new run (a new devenv process: new connections) finds no record and reseeds everything
    try (AwsClients aws = new AwsClients(ministack.awsAccess())) {
      new AwsProvisioner(aws, Progress.SILENT).provision(profile);
      SeedReport second = new Seeder(aws, Progress.SILENT).seed(profile, false);
      assertThat(second.unchanged()).as("records found in an emulator that restarted empty").isZero();
      assertComplete(aws, atKill);
    }
  }

  private static int stopWhenMessagesArrive(AwsClients aws, CompletableFuture<SeedReport> run) throws Exception {
    return stopWhenMessagesArrive(aws, run, false);
  }

  /** Polls the queue's depth until some messages are in, then stops or kills the emulator. */
  private static int stopWhenMessagesArrive(AwsClients aws, CompletableFuture<SeedReport> run, boolean kill) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (System.nanoTime() < deadline && !run.isDone()) {
      int depth = depth(aws);
      if (depth >= 50) {
        if (kill) {
          ministack.kill();
        } else {
          ministack.stop();
        }
        return depth;
      }
      Thread.onSpinWait();
    }
    throw new AssertionError("seeding finished or stalled before the emulator could be stopped in the middle of it");
  }

  private static int depth(AwsClients aws) {
    try {
      String url = aws.sqs().getQueueUrl(r -> r.queueName("fault-jobs")).queueUrl();
      return Integer.parseInt(aws.sqs().getQueueAttributes(r -> r.queueUrl(url)
          .attributeNamesWithStrings("ApproximateNumberOfMessages")).attributesAsStrings().get("ApproximateNumberOfMessages"));
    } catch (RuntimeException e) {
      return 0;
    }
  }

  private static void assertComplete(AwsClients aws, int depthAtStop) {
    String url = aws.sqs().getQueueUrl(r -> r.queueName("fault-jobs")).queueUrl();
    List<Message> messages = AwsAssertions.drain(aws.sqs(), url, Duration.ofSeconds(60));
    Map<String, Long> perBody = messages.stream().collect(Collectors.groupingBy(Message::body, Collectors.counting()));
    assertThat(perBody).as("distinct messages (%d were in the queue at the stop)", depthAtStop).hasSize(MESSAGES);
    assertThat(perBody.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList())
        .as("messages received more than once: at most the one batch in flight at the stop (a standard queue"
            + " cannot tell whether it arrived)").hasSizeLessThanOrEqualTo(QueueSeeder.BATCH);
    if (ministack.offers(AwsService.DYNAMODB)) {
      assertThat(AwsAssertions.scan(aws.dynamo(), "fault-items")).as("items").hasSize(ITEMS);
    }
    Map<String, Long> sizes = aws.s3().listObjectsV2Paginator(r -> r.bucket("fault-objects")).contents().stream()
        .collect(Collectors.toMap(o -> o.key(), o -> o.size(), (a, b) -> a));
    assertThat(sizes).as("objects").hasSize(OBJECTS);
    BucketSeeder.files(dir.resolve("objects"), "").forEach(f -> assertThat(sizes.get(f.getValue()))
        .as("size of %s", f.getValue()).isEqualTo(size(f.getKey())));
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void deleteState() throws Exception {
    try (var walk = Files.walk(stateDir)) {
      walk.sorted(java.util.Comparator.reverseOrder()).filter(p -> !p.equals(stateDir)).forEach(p -> p.toFile().delete());
    }
  }

}
