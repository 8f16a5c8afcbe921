package io.devenv.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.devenv.core.ExitCode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What only separate processes show: Ctrl-C during up, and Docker not being there at all. */
@Tag("docker") // needs Docker: run by mvn verify, not by mvn test
class EngineProcessTest {
  @TempDir Path project;

  @Test
  @DisplayName("Ctrl-C (SIGINT) during up removes what that up had created; nothing is orphaned")
  void sigintDuringUp() throws Exception {
    DockerRequirements.image(DockerRequirements.MINISTACK_IMAGE);
    DockerEngine engine = DockerEngine.connect();
    // Given a profile whose emulator never becomes ready, so up is surely mid-way when the signal comes
    Path profile = project.resolve("profile.yaml");
    Files.writeString(profile, "name: sigint\naws:\n  emulator: custom\n  image: " + DockerRequirements.MINISTACK_IMAGE
        + "\n  healthPath: /never-ready\n  buckets:\n    - name: sigint-bucket\nkubernetes:\n  enabled: false\n");
    Process up = ChildJvm.start(UpUntilSignal.class, project.toString(), profile.toString());
    List<String> output = new ArrayList<>();
    try {
      // When its container exists and the process gets SIGINT
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (containers(engine).isEmpty() && up.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertThat(containers(engine)).as("up created its container before the signal").isNotEmpty();
      Process kill = new ProcessBuilder("kill", "-INT", Long.toString(up.pid())).start();
      assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();

      // Then up ends, reporting the interrupt, and no container or network of the project is left
      assertThat(up.waitFor(60, TimeUnit.SECONDS)).as("up exited after SIGINT").isTrue();
      try (BufferedReader r = new BufferedReader(new InputStreamReader(up.getInputStream(), StandardCharsets.UTF_8))) {
        r.lines().forEach(output::add);
      }
      assertThat(output).as("child output").anySatisfy(l -> assertThat(l).startsWith("error " + ExitCode.INTERRUPTED + ": Interrupted"));
      assertThat(containers(engine)).as("containers left").isEmpty();
      assertThat(engine.status(project, null).networks()).as("networks left").isEmpty();
    } finally {
      up.destroyForcibly();
      engine.down(project, null, true);
    }
  }

  @Test
  @DisplayName("Docker not reachable: one clear line naming where Docker was looked for and what to do")
  void dockerNotReachable() throws Exception {
    // Needs a mount namespace to hide the Docker socket from the child (root and util-linux's unshare)
    boolean canHide = Files.isExecutable(Path.of("/usr/bin/unshare")) && "root".equals(System.getProperty("user.name"));
    Assumptions.assumeTrue(canHide, "skipped: hiding the Docker socket needs root and /usr/bin/unshare");
    Assumptions.assumeTrue(System.getenv("DOCKER_HOST") == null, "skipped: DOCKER_HOST is set; the socket cannot be hidden");

    // Given a process that sees no Docker socket
    ProcessBuilder pb = ChildJvm.builder(List.of("unshare", "-m", "--propagation", "private", "sh", "-c",
        "mount -t tmpfs tmpfs /var/run && exec \"$@\"", "sh"), ConnectProbe.class);
    Process probe = pb.start();
    String out = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(probe.waitFor(60, TimeUnit.SECONDS)).isTrue();

    // Then connecting fails with exit 1 and the one line
    assertThat(out.lines().filter(l -> l.startsWith("error") || l.equals("reachable")).toList()).containsExactly(
        "error 1: Docker is not reachable at unix:///var/run/docker.sock: start Docker (or set DOCKER_HOST) and run devenv doctor");
  }

  private List<com.github.dockerjava.api.model.Container> containers(DockerEngine engine) {
    return engine.docker().listContainersCmd().withShowAll(true)
        .withLabelFilter(Map.of(Labels.PROJECT, new EnvironmentId(project, null).projectHash())).exec();
  }
}
