package io.devenv.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.devenv.aws.AwsClients;
import io.devenv.aws.ResourcePresence;
import io.devenv.profile.Profile;
import io.devenv.profile.ProfileLoader;
import io.devenv.cli.Main;
import io.devenv.core.ExitCode;
import io.devenv.testing.MiniStackProcess;
import io.devenv.testing.TestFiles;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The convergence stamp through the CLI, against MiniStack on 127.0.0.1: a second {@code up} with
 * nothing changed skips the per-resource checks, and nothing gets less safe: an emulator restarted
 * empty, a changed seed file, a changed profile and (with {@code --verify}) a resource deleted by
 * hand are all still caught.
 */
class ConvergenceStampTest {

  @RegisterExtension
  static final MiniStackProcess MINISTACK = new MiniStackProcess();

  @TempDir
  Path project;

  private Path things;

  @BeforeEach
  void project() throws Exception {
    // Every test starts from an empty emulator: their resources share names.
    MINISTACK.stop();
    MINISTACK.start();
    Path root = Path.of("src/test/resources/junit").toAbsolutePath();
    // A copy of the seed files, so that the test can change one.
    Path seed = project.resolve("seed");
    TestFiles.copyTree(root.resolve("seed"), seed);
    things = seed.resolve("things.ndjson");
    Files.createDirectories(project.resolve("profiles"));
    write("stamp-" + System.nanoTime(), "");
  }

  @Test
  @DisplayName("a second up with nothing changed says the stamp matched and checks no resource; --verify checks them all")
  void unchangedIsStamped() {
    Run first = up();
    assertThat(first.code).as("exit code; stderr:%n%s", first.err).isEqualTo(ExitCode.OK);
    assertThat(first.err).as("the first up creates").contains("1 bucket: 1 created").doesNotContain("(stamp)");

    Run second = up();

    assertThat(second.code).as("stderr:%n%s", second.err).isEqualTo(ExitCode.OK);
    assertThat(second.err).as("the stamp matched: no per-resource line, no seed line")
        .containsPattern("AWS: 7 resources, 3 seeds unchanged since \\d\\d:\\d\\d \\(stamp\\)")
        .doesNotContain("1 bucket:", "seed table");

    Run verified = up("--verify");

    assertThat(verified.code).isEqualTo(ExitCode.OK);
    assertThat(verified.err).as("--verify checks every resource and finds nothing to do")
        .contains("1 bucket: 1 up to date", "verify: every resource and seed was as declared")
        .doesNotContain("(stamp)");

    Run json = up("--output", "json", "--timings");

    assertThat(json.code).isEqualTo(ExitCode.OK);
    JsonNode doc = readJson(json.out);
    assertThat(doc.at("/aws/unchangedSince/resources").asInt()).as("the stamp in the JSON document").isEqualTo(7);
    assertThat(doc.at("/aws/resources").isMissingNode()).as("no per-resource outcome: none was checked").isTrue();
    assertThat(doc.at("/timings/phases").findValuesAsText("phase"))
        .as("--timings names each phase").contains("profile loaded", "AWS: convergence stamp read");
  }

  private static JsonNode readJson(String text) {
    try {
      return new ObjectMapper().readTree(text);
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + text, e);
    }
  }

  @Test
  @DisplayName("a queue deleted by hand is not seen through the stamp, and is found and created again by --verify")
  void deletedByHandCaughtByVerify() {
    assertThat(up().code).isEqualTo(ExitCode.OK);
    try (AwsClients aws = AwsClients.of(MINISTACK.endpoint(), "eu-west-3")) {
      String url = aws.sqs().getQueueUrl(r -> r.queueName("junit-queue")).queueUrl();
      aws.sqs().deleteQueue(r -> r.queueUrl(url));
    }

    Run verified = up("--verify");

    assertThat(verified.code).as("stderr:%n%s", verified.err).isEqualTo(ExitCode.OK);
    assertThat(verified.err).contains("verify:", "queue junit-queue created").doesNotContain("(stamp)");
    try (AwsClients aws = AwsClients.of(MINISTACK.endpoint(), "eu-west-3")) {
      assertThat(aws.sqs().getQueueUrl(r -> r.queueName("junit-queue")).queueUrl()).isNotBlank();
    }
  }

  @Test
  @DisplayName("the read-only presence check behind status --verify names a resource deleted by hand, and creates nothing")
  void presence() {
    assertThat(up().code).isEqualTo(ExitCode.OK);
    Profile profile = ProfileLoader.load(project.resolve("profiles/default.yaml"));
    try (AwsClients aws = AwsClients.of(MINISTACK.endpoint(), "eu-west-3")) {
      assertThat(new ResourcePresence(aws).missing(profile.aws())).as("all 7 there after up").isEmpty();
      String url = aws.sqs().getQueueUrl(r -> r.queueName("junit-queue")).queueUrl();
      aws.sqs().deleteQueue(r -> r.queueUrl(url));
      aws.ssm().deleteParameter(r -> r.name("/junit/flag"));

      assertThat(new ResourcePresence(aws).missing(profile.aws())).containsExactly("queue junit-queue", "parameter /junit/flag");
      assertThat(new ResourcePresence(aws).missing(profile.aws())).as("asking created nothing").hasSize(2);
    }
  }

  @Test
  @DisplayName("a changed seed file defeats the stamp, and only that file is read again")
  void changedSeedFile() throws Exception {
    assertThat(up().code).isEqualTo(ExitCode.OK);
    Files.writeString(things, "{\"id\": \"added-by-test\", \"n\": 41}\n", StandardCharsets.UTF_8,
        java.nio.file.StandardOpenOption.APPEND);

    Run second = up();

    assertThat(second.code).as("stderr:%n%s", second.err).isEqualTo(ExitCode.OK);
    assertThat(second.err).as("the new item is loaded, the rest left alone")
        .doesNotContain("(stamp)").contains("1 written, 40 unchanged");
    assertThat(up().err).as("and then the stamp holds again").contains("(stamp)");
  }

  @Test
  @DisplayName("a changed profile defeats the stamp")
  void changedProfile() throws Exception {
    String name = "stamp-profile-" + System.nanoTime();
    write(name, "");
    assertThat(up().code).isEqualTo(ExitCode.OK);
    write(name, "  parameters: [{ name: /junit/extra, value: \"1\" }]\n");

    Run second = up();

    assertThat(second.code).as("stderr:%n%s", second.err).isEqualTo(ExitCode.OK);
    assertThat(second.err).doesNotContain("(stamp)").contains("1 created");
  }

  @Test
  @DisplayName("an emulator restarted empty never matches: everything is created and seeded again")
  void restartedEmpty() throws Exception {
    assertThat(up().code).isEqualTo(ExitCode.OK);
    MINISTACK.stop();
    MINISTACK.start();

    Run second = up();

    assertThat(second.code).as("stderr:%n%s", second.err).isEqualTo(ExitCode.OK);
    assertThat(second.err).doesNotContain("(stamp)").contains("1 bucket: 1 created", "40 written");
  }

  /** A profile extending the JUnit AWS profile, AWS only, with the test's own seed copies. */
  private void write(String name, String extraAws) throws Exception {
    Path root = Path.of("src/test/resources/junit").toAbsolutePath();
    Path seed = project.resolve("seed");
    Files.writeString(project.resolve("profiles/default.yaml"),
        "name: " + name + "\nextends: " + root.resolve("aws.yaml") + "\n"
            + "kubernetes: { enabled: false }\n"
            + "aws:\n  region: eu-west-3\n" + extraAws
            + "seed:\n"
            + "  buckets: [{ bucket: junit-bucket, from: " + seed.resolve("objects") + " }]\n"
            + "  tables: [{ table: junit-things, from: " + things + " }]\n"
            + "  queues: [{ queue: junit-queue, from: " + seed.resolve("messages.ndjson") + " }]\n",
        StandardCharsets.UTF_8);
  }

  private Run up(String... more) {
    String[] base = {"--project-dir", project.toString(), "up", "--detach", "--engine", "external",
        "--aws-endpoint", MINISTACK.endpoint().toString()};
    String[] all = Stream.concat(Stream.of(base), Stream.of(more)).toArray(String[]::new);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), all);
    return new Run(code, out.toString(), err.toString());
  }


  private record Run(int code, String out, String err) {}
}
