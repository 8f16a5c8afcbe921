package io.devenv.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.devenv.cli.Main;
import io.devenv.testing.Requirements;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * devenv on a machine that is itself a container ({@code /.dockerenv}), as a user runs it: no
 * {@code TESTCONTAINERS_HOST_OVERRIDE}, no {@code TESTCONTAINERS_RYUK_DISABLED}. Testcontainers
 * would pull {@code alpine:3.17} (to find the gateway) and {@code testcontainers/ryuk}; devenv
 * must pull nothing the profile did not name, and fail fast on an image it cannot get.
 */
@Tag("docker") // needs Docker: run by mvn verify, not by mvn test
class InsideContainerTest {
  /** Far above what these commands take, far below Testcontainers' two minutes of pull retries. */
  private static final long BOUND_SECONDS = 90;

  @TempDir Path project;

  @AfterEach
  void down() throws Exception {
    run("--project-dir", project.toString(), "down");
  }

  @Test
  @DisplayName("Inside a container without the Testcontainers variables, up/status/seed/logs/down pull no image")
  void noImageBeyondTheProfiles() throws Exception {
    Requirements.require(Files.exists(Path.of("/.dockerenv")),
        "this machine is not a container (no /.dockerenv): the in-container path cannot be shown here");
    DockerRequirements.image(DockerRequirements.MINISTACK_IMAGE);
    // Given a profile naming only the local MiniStack image
    Files.createDirectories(project.resolve("profiles"));
    Files.writeString(project.resolve("profiles/default.yaml"), "name: inside\naws:\n  emulator: ministack\n  image: "
        + DockerRequirements.MINISTACK_IMAGE + "\n  buckets:\n    - name: inside-bucket\nkubernetes:\n  enabled: false\n");
    TreeSet<String> imagesBefore = images();

    // When each Docker path runs in its own process, with --verbose so Testcontainers' own logs show
    for (List<String> command : List.of(List.of("up", "--detach"), List.of("status"), List.of("seed"),
        List.of("logs", "aws"), List.of("down"))) {
      Result result = run(concat(List.of("--project-dir", project.toString(), "--verbose"), command));

      // Then each ends well within the bound, with exit 0, and never asked Docker to pull (POST
      // /images/create, in docker-java's debug log) nor named Testcontainers' own images
      assertThat(result.exitCode()).as(command + " exit code; output:\n" + result.output()).isZero();
      assertThat(result.output().lines().filter(l -> l.matches("(?i).*(alpine|ryuk|images/create|(?<!not )pulling (docker )?image|retrying pull).*")).toList())
          .as(command + ": lines about pulling an image the profile did not name").isEmpty();
    }
    assertThat(images()).as("images in the Docker daemon").isEqualTo(imagesBefore);
  }

  @Test
  @DisplayName("A profile naming an image that is not local and cannot be pulled fails in seconds with one line")
  void missingImageFailsFast() throws Exception {
    DockerRequirements.docker();
    String image = "devenv-test/not-there:0.0.1";
    Requirements.require(!DockerRequirements.present(image), image + " unexpectedly exists locally");
    Files.createDirectories(project.resolve("profiles"));
    Files.writeString(project.resolve("profiles/default.yaml"), "name: missing\naws:\n  emulator: custom\n  image: "
        + image + "\n  buckets:\n    - name: missing-bucket\nkubernetes:\n  enabled: false\n");

    Result result = run("--project-dir", project.toString(), "up", "--detach");

    assertThat(result.exitCode()).as("exit code; output:\n" + result.output()).isEqualTo(1);
    List<String> errors = result.output().lines().filter(l -> l.startsWith("error")).toList();
    assertThat(errors).as("output:\n" + result.output()).hasSize(1);
    assertThat(errors.get(0)).contains(image).contains("docker load").contains("devenv doctor")
        .containsAnyOf("registry is unreachable", "not found", "needs registry credentials");
    assertThat(result.output()).as("no stack trace").doesNotContain("\tat ").doesNotContain("Exception");
  }

  record Result(int exitCode, String output) {}

  private Result run(String... args) throws IOException, InterruptedException {
    return run(List.of(args));
  }

  private Result run(List<String> args) throws IOException, InterruptedException {
    ProcessBuilder pb = ChildJvm.builder(List.of(), Main.class, args.toArray(String[]::new));
    Map<String, String> env = pb.environment();
    env.remove("TESTCONTAINERS_HOST_OVERRIDE");
    env.remove("TESTCONTAINERS_RYUK_DISABLED");
    Path out = Files.createTempFile("devenv-inside", ".log");
    pb.redirectOutput(out.toFile());
    Process p = pb.start();
    try {
      boolean ended = p.waitFor(BOUND_SECONDS, TimeUnit.SECONDS);
      String output = Files.readString(out, StandardCharsets.UTF_8);
      assertThat(ended).as("devenv " + args + " ended within " + BOUND_SECONDS + " s; output so far:\n" + output).isTrue();
      return new Result(p.exitValue(), output);
    } finally {
      p.destroyForcibly();
      Files.deleteIfExists(out);
    }
  }

  private static TreeSet<String> images() throws IOException, InterruptedException {
    TreeSet<String> names = new TreeSet<>();
    DockerAccess.client().listImagesCmd().withShowAll(true).exec()
        .forEach(i -> names.add(i.getId() + " " + (i.getRepoTags() == null ? "" : String.join(",", i.getRepoTags()))));
    return names;
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new java.util.ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
