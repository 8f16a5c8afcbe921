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
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * {@code devenv checkpoint restore} run as its own process and killed with SIGKILL half-way;
 * restored again, the data is exactly the checkpoint's: nothing lost, nothing twice.
 */
class CheckpointFaultTest {
  static final int EXTRA_ITEMS = 4000;

  @RegisterExtension
  static final MiniStackProcess ministack = new MiniStackProcess();

  @TempDir
  static Path project;

  static final Path PROFILE_FILE = TestProfiles.projectRoot().resolve("profiles/aws-only.yaml");
  static final Profile PROFILE = ProfileLoader.load(PROFILE_FILE);

  @Test
  @DisplayName("restore killed with SIGKILL mid-way, then restored again: exactly the checkpoint")
  void killedMidRestore() throws Exception {
    Map<String, Object> saved;
    Map<String, Map<String, List<String>>> savedMessages;
    try (AwsClients aws = CheckpointCliTest.awsFor(ministack, PROFILE)) {
      // Given the platform seeded, changed, with enough items that a restore takes a while, saved
      new AwsProvisioner(aws, Progress.SILENT).provision(PROFILE);
      new Seeder(aws, Progress.SILENT).seed(PROFILE, false);
      CheckpointRoundTripTest.Changes.first(aws);
      manyItems(aws);
      new CheckpointSaver(aws, new CheckpointStore(project), Progress.SILENT, "test").save(PROFILE, new CheckpointName("big"));
      saved = LiveState.data(aws, PROFILE);
      savedMessages = LiveState.drainMessages(aws, PROFILE);
      CheckpointRoundTripTest.Changes.second(aws);
    }

    // When a restore in its own process is killed once the objects are in and the rest is loading
    Process child = childRestore();
    List<String> output = new ArrayList<>();
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        output.add(line);
        if (line.startsWith("✓ seed bucket vod-images")) {
          child.destroyForcibly(); // SIGKILL: no shutdown hook, no finally
          break;
        }
      }
    }
    assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("child ended").isTrue();
    assertThat(child.exitValue()).as("killed, not finished; output: " + output).isEqualTo(137);
    try (AwsClients aws = CheckpointCliTest.awsFor(ministack, PROFILE)) {
      assertThat(LiveState.data(aws, PROFILE)).as("the killed restore left a half state").isNotEqualTo(saved);
    }

    // Then restoring again gives exactly the checkpoint
    CheckpointCliTest.Run again = CheckpointCliTest.devenv(project, ministack, PROFILE_FILE, "checkpoint", "restore", "big");
    assertThat(again.code()).as("second restore; stderr: " + again.err()).isZero();
    try (AwsClients aws = CheckpointCliTest.awsFor(ministack, PROFILE)) {
      assertThat(LiveState.data(aws, PROFILE)).as("objects, items, secrets, parameters").isEqualTo(saved);
      assertThat(LiveState.drainMessages(aws, PROFILE)).as("messages").isEqualTo(savedMessages);
    }
  }

  private static Process childRestore() throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Main.class.getName(),
        "checkpoint", "restore", "big", "--project-dir", project.toString(), "-p", PROFILE_FILE.toString(),
        "--engine", "external", "--aws-endpoint", ministack.endpoint().toString()));
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }

  private static void manyItems(AwsClients aws) {
    for (int i = 0; i < EXTRA_ITEMS; i += 25) {
      List<WriteRequest> batch = new ArrayList<>();
      for (int j = i; j < i + 25; j++) {
        Map<String, AttributeValue> item = Map.of("userId", AttributeValue.fromS("bulk-" + (i / 25)),
            "key", AttributeValue.fromS("k-" + j), "v", AttributeValue.fromN(Integer.toString(j)));
        batch.add(WriteRequest.builder().putRequest(p -> p.item(item)).build());
      }
      aws.dynamo().batchWriteItem(r -> r.requestItems(Map.of("user-preferences", batch)));
    }
  }
}
