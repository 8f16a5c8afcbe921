package io.devenv.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.devenv.aws.AwsClients;
import io.devenv.cli.Main;
import io.devenv.core.ExitCode;
import io.devenv.testing.TestFiles;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code up} on the Docker engine when nothing changed, through the CLI, on the local MiniStack
 * image: the reuse lookup and the stamp's copy in {@code .devenv/} make it skip Testcontainers'
 * discovery and the AWS SDK, and nothing gets less safe: an emulator restarted or recreated, a
 * changed seed file and (with {@code --verify}) a resource deleted by hand are all still caught.
 */
@Tag("docker") // needs Docker: run by mvn verify, not by mvn test
class DockerNoOpTest {
  private static final long BOUND_SECONDS = 120;

  @TempDir Path project;
  private String name;
  private Path things;

  @BeforeEach
  void project() throws Exception {
    DockerRequirements.image(DockerRequirements.MINISTACK_IMAGE);
    Path root = Path.of("src/test/resources/junit").toAbsolutePath();
    TestFiles.copyTree(root.resolve("seed"), project.resolve("seed"));
    things = project.resolve("seed/things.ndjson");
    name = "noop-" + System.nanoTime();
    Files.createDirectories(project.resolve("profiles"));
    Files.writeString(project.resolve("profiles/default.yaml"),
        "name: " + name + "\nextends: " + root.resolve("aws.yaml") + "\n"
            + "kubernetes: { enabled: false }\n"
            + "aws:\n  emulator: ministack\n  image: " + DockerRequirements.MINISTACK_IMAGE + "\n  region: eu-west-3\n"
            + "seed:\n"
            + "  buckets: [{ bucket: junit-bucket, from: " + project.resolve("seed/objects") + " }]\n"
            + "  tables: [{ table: junit-things, from: " + things + " }]\n"
            + "  queues: [{ queue: junit-queue, from: " + project.resolve("seed/messages.ndjson") + " }]\n",
        StandardCharsets.UTF_8);
  }

  @AfterEach
  void down() {
    run("down");
  }

  @Test
  @DisplayName("a second up reuses the container and matches the stamp's copy in .devenv, without Testcontainers' discovery or the AWS SDK")
  void noOpNeedsNeitherDiscoveryNorSdk() throws Exception {
    Run first = run("up", "--detach");
    assertThat(first.code).as("exit code; stderr:%n%s", first.err).isEqualTo(ExitCode.OK);
    assertThat(first.err).contains("1 bucket: 1 created").doesNotContain("(stamp)");
    assertThat(project.resolve(".devenv/aws-stamp-" + name)).as("the stamp's copy").isRegularFile();

    // When up runs again in its own JVM, as a user runs it inside this container (no TESTCONTAINERS_HOST_OVERRIDE)
    Path classes = Files.createTempFile(project, "classes", ".log");
    Child second = child(List.of("-Xlog:class+load:file=" + classes), "--project-dir", project.toString(), "up", "--detach");

    // Then it reuses the emulator and matches the stamp
    assertThat(second.code).as("exit code; output:%n%s", second.output).isEqualTo(ExitCode.OK);
    assertThat(second.output).contains("reused ").containsPattern("AWS: 7 resources, 3 seeds unchanged since \\d\\d:\\d\\d \\(stamp\\)");
    // And it ran no strategy of Testcontainers' discovery and built no AWS client (the SDK's core,
    // HTTP and service classes stay unloaded; profile validation alone uses its region list)
    List<String> loaded = Files.readAllLines(classes);
    assertThat(loaded).as("class-load log").anySatisfy(l -> assertThat(l).contains("io.devenv.engine.ReuseLookup"));
    assertThat(loaded.stream().filter(l -> l.matches(".* org\\.testcontainers\\.dockerclient\\.(?!DockerClientProviderStrategy )\\w+ClientProviderStrategy .*")
        || l.matches(".* software\\.amazon\\.awssdk\\.(core|awscore|http|services)\\..*")).toList())
        .as("discovery strategies or AWS SDK client classes loaded").isEmpty();
  }

  @Test
  @DisplayName("an emulator container restarted (a new start time, usually a new host port too) never matches the copy: every resource is checked again")
  void restartedContainer() {
    assertThat(run("up", "--detach").code).isEqualTo(ExitCode.OK);
    assertThat(run("up", "--detach").err).as("stamped").contains("(stamp)");
    String container = new EnvironmentId(project, name).containerName(EnvironmentStarter.AWS);
    DockerAccess.client().restartContainerCmd(container).withTimeout(5).exec();

    Run again = run("up", "--detach");

    assertThat(again.code).as("stderr:%n%s", again.err).isEqualTo(ExitCode.OK);
    assertThat(again.err).as("the full check ran").doesNotContain("(stamp)").containsPattern("1 bucket: 1 (created|up to date)");
    assertThat(run("up", "--detach").err).as("and then the stamp holds again").contains("(stamp)");
  }

  @Test
  @DisplayName("an emulator recreated after down never matches: everything is created and seeded again")
  void recreated() {
    assertThat(run("up", "--detach").code).isEqualTo(ExitCode.OK);
    assertThat(run("down").code).isEqualTo(ExitCode.OK);
    assertThat(project.resolve(".devenv/aws-stamp-" + name)).as("down forgets the copy").doesNotExist();

    Run again = run("up", "--detach");

    assertThat(again.code).as("stderr:%n%s", again.err).isEqualTo(ExitCode.OK);
    assertThat(again.err).doesNotContain("(stamp)").contains("1 bucket: 1 created", "40 written");
  }

  @Test
  @DisplayName("a changed seed file defeats the copy, and only that file is loaded again")
  void changedSeedFile() throws Exception {
    assertThat(run("up", "--detach").code).isEqualTo(ExitCode.OK);
    Files.writeString(things, "{\"id\": \"added-by-test\", \"n\": 41}\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);

    Run again = run("up", "--detach");

    assertThat(again.code).as("stderr:%n%s", again.err).isEqualTo(ExitCode.OK);
    assertThat(again.err).doesNotContain("(stamp)").contains("1 written, 40 unchanged");
  }

  @Test
  @DisplayName("a queue deleted by hand is not seen through the copy, and is found and created again by --verify")
  void deletedByHandCaughtByVerify() {
    assertThat(run("up", "--detach").code).isEqualTo(ExitCode.OK);
    URI endpoint = endpoint();
    try (AwsClients aws = AwsClients.of(endpoint, "eu-west-3")) {
      String url = aws.sqs().getQueueUrl(r -> r.queueName("junit-queue")).queueUrl();
      aws.sqs().deleteQueue(r -> r.queueUrl(url));
    }
    assertThat(run("up", "--detach").err).as("the stamp does not look inside the emulator").contains("(stamp)");

    Run verified = run("up", "--detach", "--verify");

    assertThat(verified.code).as("stderr:%n%s", verified.err).isEqualTo(ExitCode.OK);
    assertThat(verified.err).contains("verify:", "queue junit-queue created").doesNotContain("(stamp)");
  }

  private URI endpoint() {
    try {
      return Files.readAllLines(project.resolve(".devenv/env")).stream().filter(l -> l.startsWith("AWS_ENDPOINT_URL="))
          .map(l -> URI.create(l.substring(l.indexOf('=') + 1))).findFirst().orElseThrow();
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  private Run run(String... args) {
    String[] all = Stream.concat(Stream.of("--project-dir", project.toString()), Stream.of(args)).toArray(String[]::new);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), all);
    return new Run(code, out.toString(), err.toString());
  }

  private Child child(List<String> jvmOptions, String... args) throws Exception {
    ProcessBuilder pb = ChildJvm.builder(List.of(), Main.class, args);
    List<String> command = new ArrayList<>(pb.command());
    command.addAll(1, jvmOptions);
    pb.command(command);
    pb.environment().remove("TESTCONTAINERS_HOST_OVERRIDE");
    Path out = Files.createTempFile(project, "child", ".log");
    pb.redirectOutput(out.toFile());
    Process p = pb.start();
    try {
      boolean ended = p.waitFor(BOUND_SECONDS, TimeUnit.SECONDS);
      String output = Files.readString(out, StandardCharsets.UTF_8);
      assertThat(ended).as("devenv ended within " + BOUND_SECONDS + " s; output so far:\n" + output).isTrue();
      return new Child(p.exitValue(), output);
    } finally {
      p.destroyForcibly();
    }
  }


  private record Run(int code, String out, String err) {}

  private record Child(int code, String output) {}
}
