package io.devenv.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.devenv.aws.AwsClients;
import io.devenv.aws.AwsProvisioner;
import io.devenv.cli.Main;
import io.devenv.core.Progress;
import io.devenv.profile.Profile;
import io.devenv.profile.ProfileLoader;
import io.devenv.seed.Seeder;
import io.devenv.engine.AwsService;
import io.devenv.testing.Emulator;
import io.devenv.testing.EmulatorProcess;
import io.devenv.testing.OnEachEmulator;
import io.devenv.testing.TestProfiles;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;

/**
 * The {@code devenv checkpoint} verbs from the command line, against the sample platform's AWS
 * side on each emulator through the external engine (LocalStack: the platform without its
 * tables); and the export: its seed section, put in a profile, validates and loads the very same data.
 */
@OnEachEmulator
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CheckpointCliTest {
  static EmulatorProcess emulator;
  static Path project;
  static Path PROFILE_FILE;
  static Profile PROFILE;

  @Parameter
  Emulator kind;

  @BeforeParameterizedClassInvocation
  static void seeded(Emulator kind) throws Exception {
    emulator = kind.start();
    project = Files.createTempDirectory("devenv-checkpoint-cli-");
    PROFILE_FILE = TestProfiles.projectRoot().resolve(kind.offers(AwsService.DYNAMODB)
        ? "profiles/aws-only.yaml" : "profiles/aws-no-dynamodb.yaml");
    PROFILE = ProfileLoader.load(PROFILE_FILE);
    try (AwsClients aws = aws()) {
      new AwsProvisioner(aws, Progress.SILENT).provision(PROFILE);
      new Seeder(aws, Progress.SILENT).seed(PROFILE, false);
    }
  }

  @AfterParameterizedClassInvocation
  static void stop() throws Exception {
    if (emulator != null) {
      emulator.stop();
      emulator = null;
    }
    if (project != null) {
      CheckpointStore.delete(project);
      project = null;
    }
  }

  static boolean tables() {
    return !PROFILE.aws().tables().isEmpty();
  }

  /** Clients in the profile's region, as the CLI's are. */
  static AwsClients aws() {
    return awsFor(emulator, PROFILE);
  }

  static AwsClients awsFor(EmulatorProcess emulator, Profile profile) {
    return AwsClients.of(emulator.endpoint(), profile.aws().region());
  }

  record Run(int code, String out, String err) {}

  static Run devenv(String... args) {
    return devenv(project, emulator, PROFILE_FILE, args);
  }

  /** Runs devenv in this JVM on {@code projectDir} with the profile file, the external engine at the emulator. */
  static Run devenv(Path projectDir, EmulatorProcess emulator, Path profileFile, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--project-dir", projectDir.toString()));
    if (!all.contains("-p")) {
      all.addAll(List.of("-p", profileFile.toString()));
    }
    if (args.length > 1 && List.of("save", "restore").contains(args[1])) {
      all.addAll(List.of("--engine", "external", "--aws-endpoint", emulator.endpoint().toString()));
    }
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), all.toArray(String[]::new));
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  @Order(1)
  @DisplayName("save, list, restore and rm by name; progress on stderr, one line of result on stdout")
  void verbs() {
    Run save = devenv("checkpoint", "save", "cli-1");
    assertThat(save.code()).as("save exit code; stderr: " + save.err()).isZero();
    assertThat(save.out()).as("save output").startsWith("Saved checkpoint cli-1 of " + PROFILE.name() + ": ")
        .contains(" objects, ", " messages, 2 secrets, 2 parameters.");
    assertThat(save.err()).as("progress").contains("✓ save bucket vod-images", "✓ save queue orders.fifo");

    Run list = devenv("checkpoint", "list");
    assertThat(list.out()).as("list").contains("cli-1", PROFILE.name());

    Run restore = devenv("checkpoint", "restore", "cli-1");
    assertThat(restore.code()).as("restore exit code; stderr: " + restore.err()).isZero();
    assertThat(restore.out()).as("restore output").startsWith("Restored checkpoint cli-1 into " + PROFILE.name() + ":");

    assertThat(devenv("checkpoint", "rm", "cli-1").code()).as("rm").isZero();
    assertThat(devenv("checkpoint", "list").out()).as("list after rm").doesNotContain("cli-1");
  }

  @Test
  @Order(2)
  @DisplayName("the tables' items are saved, counted and exported as seed files")
  void tableItems() {
    emulator.assumeOffers(AwsService.DYNAMODB);
    Run save = devenv("checkpoint", "save", "with-tables");
    assertThat(save.code()).as("save exit code; stderr: " + save.err()).isZero();
    assertThat(save.out()).as("save output").contains(" objects, 917 items, ");
    assertThat(save.err()).as("progress").contains("✓ save table catalog: 320 items");
    Run export = devenv("checkpoint", "export", "with-tables", "--to", project.resolve("fixtures/with-tables").toString(),
        "--relative-to", project.toString());
    assertThat(export.code()).as("export; stderr: " + export.err()).isZero();
    assertThat(project.resolve("fixtures/with-tables/seed.yaml")).content()
        .contains("- table: catalog", "from: fixtures/with-tables/tables/catalog.ndjson");
    assertThat(devenv("checkpoint", "rm", "with-tables").code()).as("rm").isZero();
  }

  @Test
  @Order(3)
  @DisplayName("bad names and unknown checkpoints: one line, exit 2, nothing touched")
  void badInput() {
    for (String bad : List.of("../x", "a/b", ".hidden", "..", "a b", "")) {
      Run run = devenv("checkpoint", "save", bad);
      assertThat(run.code()).as("exit code for name '" + bad + "'").isEqualTo(2);
      assertThat(run.err().strip()).as("message for '" + bad + "'").startsWith("error: checkpoint name '" + bad + "' is not valid")
          .doesNotContain("\n");
    }
    Run missing = devenv("checkpoint", "restore", "never-saved");
    assertThat(missing.code()).as("restore of a missing checkpoint").isEqualTo(2);
    assertThat(missing.err()).as("message").contains("no checkpoint named never-saved");
    assertThat(devenv("checkpoint", "rm", "never-saved").code()).as("rm of a missing checkpoint").isEqualTo(2);
    assertThat(Files.exists(project.resolve(".devenv/checkpoints/x"))).as("nothing written outside").isFalse();
  }

  @Test
  @Order(4)
  @DisplayName("export: the seed section, put in a profile, validates and seeds the very same data")
  void exportIsSeedData() throws Exception {
    // Given a checkpoint of a state built by hand
    try (AwsClients aws = aws()) {
      int before = CheckpointRoundTripTest.depth(aws, "thumbnails");
      CheckpointRoundTripTest.Changes.first(aws, tables());
      // LocalStack delivers the S3 notification of the new upload later: the state is built once it is there.
      CheckpointRoundTripTest.awaitDepth(aws, "thumbnails", before + CheckpointRoundTripTest.Changes.THUMBNAILS_SENT + 1
          - CheckpointRoundTripTest.Changes.THUMBNAILS_TAKEN);
    }
    assertThat(devenv("checkpoint", "save", "by-hand").code()).as("save").isZero();
    Map<String, Object> saved;
    Map<String, java.util.Map<String, List<String>>> savedMessages;
    try (AwsClients aws = aws()) {
      saved = LiveState.data(aws, PROFILE);
      savedMessages = LiveState.drainMessages(aws, PROFILE);
    }

    // When it is exported next to a new profile that extends the sample one
    Path profiles = Files.createDirectories(project.resolve("team-profiles"));
    Run export = devenv("checkpoint", "export", "by-hand", "--to", project.resolve("fixtures/by-hand").toString(),
        "--relative-to", profiles.toString());
    assertThat(export.code()).as("export; stderr: " + export.err()).isZero();
    String section = Files.readString(project.resolve("fixtures/by-hand/seed.yaml"));
    assertThat(section).as("paths relative to the profile's directory")
        .contains("objects: ../fixtures/by-hand/buckets/vod-images.objects.ndjson");
    Path profile = profiles.resolve("by-hand.yaml");
    Files.writeString(profile, "name: " + PROFILE.name() + "\nextends: " + PROFILE_FILE + "\n" + section);
    Run validate = devenv("validate", "-p", profile.toString());
    assertThat(validate.code()).as("validate: " + validate.out() + validate.err()).isZero();

    // Then seeding with it (into an emptied bucket) gives back the same objects, items and messages
    Profile exported = ProfileLoader.load(profile);
    try (AwsClients aws = aws()) {
      aws.s3().listObjectsV2Paginator(r -> r.bucket("vod-images")).contents()
          .forEach(o -> aws.s3().deleteObject(r -> r.bucket("vod-images").key(o.key())));
      aws.s3().putObject(r -> r.bucket("vod-images").key("later.txt"), software.amazon.awssdk.core.sync.RequestBody.fromString("x"));
      aws.sqs().sendMessage(r -> r.queueUrl(CheckpointRoundTripTest.Changes.url(aws, "thumbnails")).messageBody("later"));
      new Seeder(aws, Progress.SILENT).seed(exported, true);
      // A seed run uploads objects with the bucket's notifications on, as any seed does: events of the originals
      // (those sent before the queue was emptied for its seed are gone with it).
      @SuppressWarnings("unchecked")
      long originals = ((Map<String, String>) saved.get("bucket vod-images")).keySet().stream()
          .filter(k -> k.startsWith("originals/")).count();
      CheckpointRoundTripTest.awaitDepth(aws, "thumbnails",
          savedMessages.get("thumbnails").get("").size() + 1);
      Map<String, Object> seeded = LiveState.data(aws, PROFILE);
      seeded.keySet().removeIf(k -> k.startsWith("secret") || k.startsWith("parameter"));
      saved.keySet().removeIf(k -> k.startsWith("secret") || k.startsWith("parameter"));
      assertThat(seeded).as("objects and items").isEqualTo(saved);
      Map<String, Map<String, List<String>>> messages = LiveState.drainMessages(aws, PROFILE);
      List<String> events = new ArrayList<>(messages.get("thumbnails").get(""));
      savedMessages.get("thumbnails").get("").forEach(events::remove);
      assertThat(events).as("messages beyond the saved ones: S3 events of the uploaded originals/")
          .isNotEmpty().hasSizeLessThanOrEqualTo((int) originals).allMatch(m -> m.matches("(?s).*\"eventSource\":\\s*\"aws:s3\".*") && m.contains("originals/"));
      messages.get("thumbnails").get("").removeAll(events);
      assertThat(messages).as("messages").isEqualTo(savedMessages);
    }
  }
}
