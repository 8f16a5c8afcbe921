package io.devenv.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.devenv.aws.AwsClients;
import io.devenv.cli.Main;
import io.devenv.environment.AwsAccess;
import io.devenv.testing.AwsAssertions;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Two {@code up} on the Docker engine at once, each in its own JVM as two terminals would run
 * them: the project lock makes the second wait, then reuse the emulator the first started and find
 * the seed data loaded. Nothing is created or sent twice.
 */
@Tag("docker") // needs Docker: run by mvn verify, not by mvn test
class ConcurrentDockerUpTest {
  private static final int MESSAGES = 300;
  private static final long BOUND_SECONDS = 180;

  @TempDir Path project;

  @AfterEach
  void down() throws Exception {
    Process p = ChildJvm.builder(List.of(), Main.class, "--project-dir", project.toString(), "down")
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    p.waitFor(BOUND_SECONDS, TimeUnit.SECONDS);
    p.destroyForcibly();
  }

  @Test
  @DisplayName("two concurrent Docker-engine ups: both succeed, one emulator, every seed message exactly once")
  void twoDockerUpsSeedOnce() throws Exception {
    DockerRequirements.image(DockerRequirements.MINISTACK_IMAGE);
    Files.createDirectories(project.resolve("profiles"));
    Files.createDirectories(project.resolve("seed"));
    Files.writeString(project.resolve("seed/messages.ndjson"), IntStream.range(0, MESSAGES)
        .mapToObj(i -> "{\"body\": \"message " + i + "\"}").collect(Collectors.joining("\n", "", "\n")),
        StandardCharsets.UTF_8);
    Files.writeString(project.resolve("profiles/default.yaml"), """
        name: concurrent-docker
        aws:
          emulator: ministack
          image: %s
          queues: [{ name: concurrent-queue }]
        kubernetes:
          enabled: false
        seed:
          queues: [{ queue: concurrent-queue, from: ../seed/messages.ndjson }]
        """.formatted(DockerRequirements.MINISTACK_IMAGE), StandardCharsets.UTF_8);

    // When two up start at once, each in its own process
    List<Process> ups = new ArrayList<>();
    List<Path> logs = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      Path log = Files.createTempFile(project, "up-" + i, ".log");
      logs.add(log);
      ups.add(ChildJvm.builder(List.of(), Main.class, "--project-dir", project.toString(), "up", "--detach")
          .redirectOutput(log.toFile()).start());
    }
    for (int i = 0; i < 2; i++) {
      boolean ended = ups.get(i).waitFor(BOUND_SECONDS, TimeUnit.SECONDS);
      String output = Files.readString(logs.get(i), StandardCharsets.UTF_8);
      assertThat(ended).as("up #%d ended within %d s; output:%n%s", i, BOUND_SECONDS, output).isTrue();
      assertThat(ups.get(i).exitValue()).as("up #%d exit code; output:%n%s", i, output).isZero();
    }

    // Then one emulator container serves the project and each message arrived once
    long emulators = DockerAccess.client().listContainersCmd().withShowAll(true).exec().stream()
        .filter(c -> c.getLabels() != null && realProject().equals(c.getLabels().get(Labels.PROJECT_DIR)))
        .count();
    assertThat(emulators).as("containers labelled with this project").isEqualTo(1);
    try (AwsClients aws = new AwsClients(AwsAccess.local(endpoint(), AwsAccess.DEFAULT_REGION))) {
      String url = aws.sqs().getQueueUrl(r -> r.queueName("concurrent-queue")).queueUrl();
      List<String> bodies = AwsAssertions.drain(aws.sqs(), url, Duration.ofSeconds(60)).stream().map(Message::body).toList();
      assertThat(bodies).as("each seed message once").hasSize(MESSAGES).doesNotHaveDuplicates();
    }
  }

  private String realProject() {
    try {
      return project.toRealPath().toString();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private URI endpoint() throws IOException {
    return Files.readAllLines(project.resolve(".devenv/env"), StandardCharsets.UTF_8).stream()
        .filter(l -> l.startsWith("AWS_ENDPOINT_URL="))
        .map(l -> URI.create(l.substring("AWS_ENDPOINT_URL=".length()).replace("'", "").replace("\"", "")))
        .findFirst().orElseThrow(() -> new AssertionError(".devenv/env names no AWS_ENDPOINT_URL"));
  }
}
