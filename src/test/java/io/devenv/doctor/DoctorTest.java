package io.devenv.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import io.devenv.core.ExitCode;
import io.devenv.doctor.CheckResult.Level;
import io.devenv.engine.DockerAccess;
import io.devenv.engine.DockerRequirements;
import io.devenv.profile.Profile;
import io.devenv.profile.ProfileLoader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DoctorTest {
  @TempDir Path dir;

  private Profile profile(String yaml) {
    return ProfileLoader.parse(yaml, dir.resolve("profile.yaml"));
  }

  private Profile ministackOnly() {
    return profile("name: t\naws:\n  emulator: ministack\n  image: " + DockerRequirements.MINISTACK_IMAGE
        + "\n  buckets: [{ name: some-bucket }]\nkubernetes:\n  enabled: false\n");
  }

  private static CheckResult result(DoctorReport report, String name) {
    return report.results().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  @Tag("docker")
  @DisplayName("On a working machine with the emulator image present, an AWS-only profile passes every check")
  void healthyMachine() {
    DockerRequirements.image(DockerRequirements.MINISTACK_IMAGE);

    DoctorReport report = Doctor.standard().run(DoctorContext.of(ministackOnly(), 0));

    assertThat(result(report, "Java").level()).isEqualTo(Level.OK);
    assertThat(result(report, "Docker").detail()).startsWith("Docker ").contains(DockerAccess.host());
    assertThat(result(report, "images")).satisfies(r -> {
      assertThat(r.level()).isEqualTo(Level.OK);
      assertThat(r.detail()).contains(DockerRequirements.MINISTACK_IMAGE);
    });
    assertThat(result(report, "LocalStack token").detail()).isEqualTo("not needed (ministack emulator)");
    assertThat(result(report, "privileged containers").detail()).contains("not needed");
    assertThat(report.worst()).as(report.render()).isIn(Level.OK, Level.WARN);
    assertThat(report.exitCode()).isEqualTo(ExitCode.OK);
    assertThat(report.render()).contains("✓ Java: Java " + Runtime.version());
  }

  @Test
  @DisplayName("Docker not reachable: Docker fails with a one-line fix, checks that need it say they were skipped")
  void dockerDown() {
    DoctorContext context = new DoctorContext(null, 0, Map.of(), () -> {
      throw new IllegalStateException("no Docker here");
    });

    DoctorReport report = Doctor.standard().run(context);

    CheckResult docker = result(report, "Docker");
    assertThat(docker.level()).isEqualTo(Level.FAIL);
    assertThat(docker.fix()).contains("start Docker");
    assertThat(result(report, "images").level()).isEqualTo(Level.SKIPPED);
    assertThat(result(report, "privileged containers").level()).isEqualTo(Level.SKIPPED);
    assertThat(result(report, "cgroups").level()).isEqualTo(Level.SKIPPED);
    assertThat(report.exitCode()).isEqualTo(ExitCode.FAILURE);
    assertThat(report.render()).contains("✗ Docker: not reachable").contains("problem(s) to fix");
  }

  @Test
  @DisplayName("A port-forward's local port that is taken fails, naming the port and the forward")
  void takenForwardPort() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Profile profile = profile("name: t\nkubernetes:\n  portForwards:\n    - { service: catalog-api, port: 8080, localPort: "
          + taken.getLocalPort() + " }\n");

      CheckResult r = new PortsCheck().run(new DoctorContext(profile, 0, Map.of(), () -> null));

      assertThat(r.level()).isEqualTo(Level.FAIL);
      assertThat(r.detail()).contains(taken.getLocalPort() + " (port-forward catalog-api)");
      assertThat(r.fix()).contains("localPort: 0");
    }
  }

  @Test
  @DisplayName("An image that is not local warns it will be pulled; a local build to import that is missing fails")
  void images() {
    DockerRequirements.docker();
    Profile pulled = profile("name: t\naws:\n  image: localstack/localstack:0.0.1-devenv-absent\n  buckets: [{ name: some-bucket }]\n"
        + "kubernetes:\n  enabled: false\n");
    Profile missingBuild = profile("name: t\nkubernetes:\n  images: [devenv-absent-build:dev]\n");

    CheckResult warn = new ImagesCheck().run(DoctorContext.of(pulled, 0));
    CheckResult fail = new ImagesCheck().run(DoctorContext.of(missingBuild, 0));

    assertThat(warn.level()).isEqualTo(Level.WARN);
    assertThat(warn.detail()).contains("localstack/localstack:0.0.1-devenv-absent not present; will be pulled on first up (needs registry access)");
    assertThat(fail.level()).isEqualTo(Level.FAIL);
    assertThat(fail.detail()).contains("devenv-absent-build:dev");
    assertThat(fail.fix()).contains("docker build -t devenv-absent-build:dev");
  }

  @Test
  @DisplayName("The LocalStack token check fails for a newer tag without a token and passes with one")
  void token() {
    Profile latest = profile("name: t\naws:\n  image: localstack/localstack:latest\n  buckets: [{ name: some-bucket }]\n");
    Profile pinned = profile("name: t\naws:\n  buckets: [{ name: some-bucket }]\n");

    assertThat(new TokenCheck().run(new DoctorContext(latest, 0, Map.of(), () -> null)).level()).isEqualTo(Level.FAIL);
    assertThat(new TokenCheck().run(new DoctorContext(latest, 0, Map.of("LOCALSTACK_AUTH_TOKEN", "t"), () -> null)).level())
        .isEqualTo(Level.OK);
    assertThat(new TokenCheck().run(new DoctorContext(pinned, 0, Map.of(), () -> null)).detail())
        .isEqualTo("not needed for localstack/localstack:4.14.0");
  }

  @Test
  @DisplayName("Memory and disk pass with what this machine has, fail below their thresholds")
  void memoryAndDisk() {
    DoctorContext context = new DoctorContext(ministackOnly(), 0, Map.of(), () -> {
      throw new IllegalStateException("not needed");
    });
    assertThat(MemoryCheck.standard().run(context).level()).as("this machine has 1 GiB free").isEqualTo(Level.OK);
    assertThat(new MemoryCheck(() -> 100L * 1024 * 1024, MemoryCheck.GIB, 3 * MemoryCheck.GIB).run(context))
        .satisfies(r -> {
          assertThat(r.level()).isEqualTo(Level.FAIL);
          assertThat(r.detail()).startsWith("0.1 GiB available, 1.0 GiB wanted");
        });
    assertThat(DiskCheck.standard().run(context).level()).isIn(Level.OK, Level.WARN);
    assertThat(new DiskCheck(p -> 1024L, 5 * MemoryCheck.GIB, 2 * MemoryCheck.GIB).run(context).level()).isEqualTo(Level.FAIL);
  }

  @Test
  @DisplayName("cgroups and privileged containers are read from docker info: v2 passes, v1 warns, rootful passes")
  void cgroupsAndPrivileged() {
    DockerRequirements.docker();
    DoctorContext context = DoctorContext.of(null, 0);
    String version = context.dockerInfo().orElseThrow().getCGroupVersion();

    CheckResult cgroups = new CgroupCheck().run(context);
    CheckResult privileged = new PrivilegedCheck().run(context);

    assertThat(cgroups.detail()).startsWith("cgroup v" + version);
    assertThat(cgroups.level()).isEqualTo("2".equals(version) ? Level.OK : Level.WARN);
    boolean rootless = String.valueOf(context.dockerInfo().get().getSecurityOptions()).contains("rootless");
    assertThat(privileged.level()).isEqualTo(rootless ? Level.FAIL : Level.OK);
  }
}
