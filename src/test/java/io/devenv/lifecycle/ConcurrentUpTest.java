package io.devenv.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.devenv.aws.AwsClients;
import io.devenv.cli.Main;
import io.devenv.core.ExitCode;
import io.devenv.testing.AwsAssertions;
import io.devenv.testing.MiniStackProcess;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Two {@code up --engine external} at once on one project, against MiniStack on 127.0.0.1: the
 * project lock is taken for every engine, so the second waits and then finds the seed data loaded.
 */
class ConcurrentUpTest {

  private static final int MESSAGES = 300;

  @RegisterExtension
  static final MiniStackProcess MINISTACK = new MiniStackProcess();

  @TempDir
  Path project;

  @Test
  @DisplayName("two concurrent external ups both succeed and every standard-queue seed message arrives exactly once")
  void twoExternalUpsSeedOnce() throws Exception {
    Files.createDirectories(project.resolve("profiles"));
    Files.createDirectories(project.resolve("seed"));
    Files.writeString(project.resolve("seed/messages.ndjson"), IntStream.range(0, MESSAGES)
        .mapToObj(i -> "{\"body\": \"message " + i + "\"}").collect(Collectors.joining("\n", "", "\n")),
        StandardCharsets.UTF_8);
    Files.writeString(project.resolve("profiles/default.yaml"), """
        name: concurrent-up
        aws:
          queues: [{ name: concurrent-queue }]
        kubernetes:
          enabled: false
        seed:
          queues: [{ queue: concurrent-queue, from: ../seed/messages.ndjson }]
        """, StandardCharsets.UTF_8);

    CountDownLatch go = new CountDownLatch(1);
    CompletableFuture<Run> first = CompletableFuture.supplyAsync(() -> upAfter(go));
    CompletableFuture<Run> second = CompletableFuture.supplyAsync(() -> upAfter(go));
    go.countDown();

    assertThat(first.get().code).as("first up; stderr:%n%s", first.get().err).isEqualTo(ExitCode.OK);
    assertThat(second.get().code).as("second up; stderr:%n%s", second.get().err).isEqualTo(ExitCode.OK);
    try (AwsClients aws = new AwsClients(MINISTACK.awsAccess())) {
      String url = aws.sqs().getQueueUrl(r -> r.queueName("concurrent-queue")).queueUrl();
      List<String> bodies = AwsAssertions.drain(aws.sqs(), url, Duration.ofSeconds(60)).stream().map(Message::body).toList();
      assertThat(bodies).as("each seed message once").hasSize(MESSAGES).doesNotHaveDuplicates();
    }
  }

  private Run upAfter(CountDownLatch go) {
    try {
      go.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), "--project-dir", project.toString(), "up", "--detach",
        "--engine", "external", "--aws-endpoint", MINISTACK.endpoint().toString());
    return new Run(code, out.toString(), err.toString());
  }

  private record Run(int code, String out, String err) {}
}
