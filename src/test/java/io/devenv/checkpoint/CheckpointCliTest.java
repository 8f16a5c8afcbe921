package io.devenv.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.devenv.aws.AwsClients;
import io.devenv.aws.AwsProvisioner;
import io.devenv.cli.Main;
import io.devenv.core.Progress;
import io.devenv.profile.Profile;
import io.devenv.profile.ProfileLoader;
import io.devenv.seed.Seeder;
import io.devenv.testing.MiniStackProcess;
import io.devenv.testing.TestProfiles;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code devenv checkpoint} verbs from the command line, against the sample platform's AWS
 * side on MiniStack through the external engine; and the export: its seed section, put in a
 * profile, validates and loads the very same data.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CheckpointCliTest {
  @RegisterExtension
  static final MiniStackProcess ministack = new MiniStackProcess();

  @TempDir
  static Path project;

  static final Path PROFILE_FILE = TestProfiles.projectRoot().resolve("profiles/aws-only.yaml");
  static final Profile PROFILE = ProfileLoader.load(PROFILE_FILE);

  @BeforeAll
  static void seeded() {
    try (AwsClients aws = aws()) {
      new AwsProvisioner(aws, Progress.SILENT).provision(PROFILE);
      new Seeder(aws, Progress.SILENT).seed(PROFILE, false);
    }
  }

  /** Clients in the profile's region, as the CLI's are. */
  static AwsClients aws() {
    return awsFor(ministack, PROFILE);
  }

  static AwsClients awsFor(MiniStackProcess emulator, Profile profile) {
    return AwsClients.of(emulator.endpoint(), profile.aws().region());
  }

  record Run(int code, String out, String err) {}

  static Run devenv(String... args) {
    return devenv(project, ministack, PROFILE_FILE, args);
  }

  /** Runs devenv in this JVM on {@code projectDir} with the profile file, the external engine at the emulator. */
  static Run devenv(Path projectDir, MiniStackProcess emulator, Path profileFile, String... args) {
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
    assertThat(save.out()).as("save output").startsWith("Saved checkpoint cli-1 of vod-platform-aws-only: ")
        .contains(" objects, 917 items, ", " messages, 2 secrets, 2 parameters.");
    assertThat(save.err()).as("progress").contains("✓ save bucket vod-images", "✓ save table catalog: 320 items");

    Run list = devenv("checkpoint", "list");
    assertThat(list.out()).as("list").contains("cli-1", "vod-platform-aws-only");

    Run restore = devenv("checkpoint", "restore", "cli-1");
    assertThat(restore.code()).as("restore exit code; stderr: " + restore.err()).isZero();
    assertThat(restore.out()).as("restore output").startsWith("Restored checkpoint cli-1 into vod-platform-aws-only:");

    assertThat(devenv("checkpoint", "rm", "cli-1").code()).as("rm").isZero();
    assertThat(devenv("checkpoint", "list").out()).as("list after rm").doesNotContain("cli-1");
  }

  @Test
  @Order(2)
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
  @Order(3)
  @DisplayName("export: the seed section, put in a profile, validates and seeds the very same data")
  void exportIsSeedData() throws Exception {
    // Given a checkpoint of a state built by hand
    try (AwsClients aws = aws()) {
      CheckpointRoundTripTest.Changes.first(aws);
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
    assertThat(section).as("paths relative to the profile's directory").contains("from: ../fixtures/by-hand/tables/catalog.ndjson");
    Path profile = profiles.resolve("by-hand.yaml");
    Files.writeString(profile, "name: vod-platform-aws-only\nextends: " + PROFILE_FILE + "\n" + section);
    Run validate = devenv("validate", "-p", profile.toString());
    assertThat(validate.code()).as("validate: " + validate.out() + validate.err()).isZero();

    // Then seeding with it (from scratch) gives back the same objects, items and messages
    Profile exported = ProfileLoader.load(profile);
    try (AwsClients aws = aws()) {
      aws.s3().putObject(r -> r.bucket("vod-images").key("later.txt"), software.amazon.awssdk.core.sync.RequestBody.fromString("x"));
      aws.sqs().sendMessage(r -> r.queueUrl(CheckpointRoundTripTest.Changes.url(aws, "thumbnails")).messageBody("later"));
      new Seeder(aws, Progress.SILENT).seed(exported, true);
      Map<String, Object> seeded = LiveState.data(aws, PROFILE);
      seeded.keySet().removeIf(k -> k.startsWith("secret") || k.startsWith("parameter"));
      saved.keySet().removeIf(k -> k.startsWith("secret") || k.startsWith("parameter"));
      assertThat(seeded).as("objects and items").isEqualTo(saved);
      Map<String, Map<String, List<String>>> messages = LiveState.drainMessages(aws, PROFILE);
      // A seed run uploads objects with the bucket's notifications on, as any seed does: they add their events.
      List<String> events = new ArrayList<>(messages.get("thumbnails").get(""));
      savedMessages.get("thumbnails").get("").forEach(events::remove);
      assertThat(events).as("messages beyond the saved ones: S3 events of the uploaded originals/")
          .isNotEmpty().allMatch(m -> m.contains("\"eventSource\": \"aws:s3\"") && m.contains("originals/"));
      messages.get("thumbnails").get("").removeAll(events);
      assertThat(messages).as("messages").isEqualTo(savedMessages);
    }
  }
}
