package io.devenv.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.devenv.cli.Main;
import io.devenv.core.ExitCode;
import io.devenv.testing.TestProfiles;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cold {@code up} of the sample platform's AWS part through the CLI, on the local MiniStack
 * image: the container it creates is known empty, so resources are created without being asked
 * for first and the seed data loads beside the provisioning; what that leaves must be exactly what
 * the full check of {@code up --verify} expects.
 */
@Tag("docker") // needs Docker: run by mvn verify, not by mvn test
class DockerColdUpTest {
  @TempDir Path project;
  private Path profile;

  @BeforeEach
  void image() {
    DockerRequirements.image(DockerRequirements.MINISTACK_IMAGE);
    profile = TestProfiles.projectRoot().resolve(".ci/profiles/aws-local.yaml");
  }

  @AfterEach
  void down() {
    run("down");
  }

  @Test
  @DisplayName("a cold up creates and seeds everything on the container it made; up --verify then finds every resource and seed as declared")
  void coldThenVerified() {
    Run cold = run("up", "--detach");

    assertThat(cold.code).as("exit code; stderr:%n%s", cold.err).isEqualTo(ExitCode.OK);
    assertThat(cold.err).contains("started ", "1 bucket: 1 created", "6 queues: 6 created", "2 tables: 2 created",
        "51 uploaded, 0 unchanged", "597 written, 0 unchanged", "50 sent, 0 unchanged");

    Run verified = run("up", "--detach", "--verify");

    assertThat(verified.code).as("exit code; stderr:%n%s", verified.err).isEqualTo(ExitCode.OK);
    assertThat(verified.err).contains("reused ", "verify: every resource and seed was as declared");
  }

  private Run run(String... args) {
    String[] all = Stream.concat(Stream.of("--project-dir", project.toString(), "-p", profile.toString()), Stream.of(args))
        .toArray(String[]::new);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), all);
    return new Run(code, out.toString(), err.toString());
  }

  private record Run(int code, String out, String err) {}
}
