package io.devenv.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.devenv.core.DevenvException;
import io.devenv.core.Timings;
import io.devenv.environment.AwsAccess;
import io.devenv.profile.Profile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@link DockerEngine#begin}: the emulator is handed over while the cluster still starts. The
 * emulator is the real image; no k3s image can be had here (and a privileged container cannot
 * start), so the cluster part is a stand-in that boots until told otherwise. The k3s side itself
 * is {@link K3sEngineTest}'s, which runs where the image is.
 */
@Tag("docker") // needs Docker: run by mvn verify, not by mvn test
class EngineOverlapTest {
  @TempDir Path project;
  private DockerEngine engine;

  @BeforeEach
  void requireDockerAndImage() {
    DockerRequirements.image(DockerRequirements.MINISTACK_IMAGE);
    engine = DockerEngine.connect();
  }

  @AfterEach
  void removeEverything() {
    if (engine != null) {
      engine.down(project, null, true);
    }
  }

  /** A profile with an emulator and a cluster; the cluster's start is the test's stand-in. */
  private Profile withCluster(String name) {
    return TestProfiles.parse(project, "name: " + name + "\naws:\n  emulator: ministack\n  image: "
        + DockerRequirements.MINISTACK_IMAGE + "\n  buckets: [{ name: overlap-bucket }]\nkubernetes:\n  enabled: true\n");
  }

  private EngineStart begin(Profile profile, EngineOptions options, EnvironmentStarter.ClusterPart cluster) {
    return new EnvironmentStarter(engine.docker(), profile, options, cluster).begin();
  }

  private List<String> roles() {
    return engine.docker().listContainersCmd().withShowAll(true)
        .withLabelFilter(Map.of(Labels.PROJECT, new EnvironmentId(project, null).projectHash())).exec().stream()
        .map(DockerObjects::role).sorted().toList();
  }

  @Test
  @DisplayName("The emulator answers while the cluster still boots; abandoning stops the cluster and keeps the ready emulator")
  void emulatorBeforeCluster() throws Exception {
    // Given a start whose cluster boots until it is stopped
    CountDownLatch clusterStopped = new CountDownLatch(1);
    Timings timings = Timings.sinceJvmStart();
    EngineStart starting = begin(withCluster("overlap"), EngineOptions.of(project).withTimings(timings), (image, existing, network) -> {
      try {
        Thread.sleep(Duration.ofMinutes(5).toMillis());
      } catch (InterruptedException e) {
        clusterStopped.countDown();
      }
      throw DevenvException.failure("stopped", null);
    });

    // When the emulator is asked for
    AwsAccess aws = starting.aws();

    // Then it answers AWS calls while the cluster is still booting
    assertThat(starting.ready()).as("the cluster is not ready yet").isFalse();
    assertThat(starting.emulatorEmpty()).as("created, with a new state volume").isTrue();
    try (S3Client s3 = DockerEngineTest.s3(aws)) {
      s3.createBucket(b -> b.bucket("overlap-bucket"));
      assertThat(s3.listBuckets().buckets()).extracting(b -> b.name()).contains("overlap-bucket");
    }
    assertThat(timings.phases()).extracting(Timings.Phase::name).as("the emulator's start, phase by phase")
        .contains("engine: AWS emulator container created and started", "engine: AWS emulator ready (its wait)");

    // And abandoning the start stops the cluster's, and keeps the emulator that was ready
    starting.abandon();
    assertThat(clusterStopped.await(10, TimeUnit.SECONDS)).as("the cluster's start was interrupted").isTrue();
    assertThat(roles()).containsExactly(EnvironmentStarter.AWS);
  }

  @Test
  @DisplayName("A cluster that fails after the emulator was handed over is signalled at once, thrown by the wait, and removes both")
  void clusterFailureAfterHandOver() throws Exception {
    CountDownLatch handedOver = new CountDownLatch(1);
    EngineStart starting = begin(withCluster("overlap-fails"), EngineOptions.of(project), (image, existing, network) -> {
      try {
        handedOver.await(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      throw DevenvException.failure("The k3s stand-in did not start: no node", null);
    });
    CountDownLatch signalled = new CountDownLatch(1);
    starting.onFailure(signalled::countDown);

    assertThat(starting.aws()).isNotNull();
    handedOver.countDown();

    assertThat(signalled.await(30, TimeUnit.SECONDS)).as("the failure was signalled").isTrue();
    DevenvException e = catchThrowableOfType(DevenvException.class, starting::environment);
    assertThat(e.getMessage()).isEqualTo("The k3s stand-in did not start: no node");
    assertThat(roles()).as("a failed start leaves nothing, as it always did").isEmpty();
    assertThat(engine.status(project, null).networks()).isEmpty();
  }

  @Test
  @DisplayName("A k3s that cannot start fails the emulator's wait too, and leaves nothing")
  void k3sFailureFailsTheWait() {
    Profile profile = TestProfiles.parse(project, "name: overlap-k3s\naws:\n  emulator: ministack\n  image: "
        + DockerRequirements.MINISTACK_IMAGE + "\n  buckets: [{ name: overlap-bucket }]\n"
        + "kubernetes:\n  image: " + DockerRequirements.MINISTACK_IMAGE + "\n");
    EngineStart starting = engine.begin(profile, EngineOptions.of(project).withStartupTimeout(Duration.ofSeconds(15)));

    DevenvException e = catchThrowableOfType(DevenvException.class, () -> {
      starting.aws();
      starting.environment();
    });

    assertThat(e.getMessage()).startsWith("The k3s " + DockerRequirements.MINISTACK_IMAGE + " did not start");
    assertThat(roles()).isEmpty();
  }
  @Test
  @DisplayName("An emulator is empty when created, not when reused; MiniStack over a kept volume too (it does not load it)")
  void emptyOnlyWhenNew() {
    Profile aws = TestProfiles.parse(project, "name: overlap-empty\naws:\n  emulator: ministack\n  image: "
        + DockerRequirements.MINISTACK_IMAGE + "\n  buckets: [{ name: overlap-bucket }]\nkubernetes:\n  enabled: false\n");
    EngineStart first = engine.begin(aws, EngineOptions.of(project));
    first.environment();
    assertThat(first.emulatorEmpty()).as("first start").isTrue();
    try (S3Client s3 = DockerEngineTest.s3(first.aws())) {
      s3.createBucket(b -> b.bucket("overlap-bucket"));
    }

    EngineStart reused = engine.begin(aws, EngineOptions.of(project));
    reused.environment();
    assertThat(reused.emulatorEmpty()).as("reused").isFalse();

    engine.down(project, null, false); // the state volume is kept
    EngineStart again = engine.begin(aws, EngineOptions.of(project));
    again.environment();
    assertThat(again.emulatorEmpty()).as("MiniStack does not load a kept volume (PERSIST_STATE unset)").isTrue();
    try (S3Client s3 = DockerEngineTest.s3(again.aws())) {
      assertThat(s3.listBuckets().buckets()).as("what the first emulator held is not there").isEmpty();
    }
  }

  @Test
  @DisplayName("The hook before an emulator is created (up's SDK warm-up) runs once for a new container, never for a reused one")
  void hookOnlyWhenCreating() {
    Profile aws = TestProfiles.parse(project, "name: overlap-hook\naws:\n  emulator: ministack\n  image: "
        + DockerRequirements.MINISTACK_IMAGE + "\n  buckets: [{ name: hook-bucket }]\nkubernetes:\n  enabled: false\n");
    java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
    EngineOptions options = EngineOptions.of(project).withBeforeEmulatorCreated(calls::incrementAndGet);

    engine.begin(aws, options).environment();
    assertThat(calls.get()).as("after a start that created the emulator").isEqualTo(1);

    engine.begin(aws, options).environment();
    assertThat(calls.get()).as("after a start that reused it").isEqualTo(1);
  }
}
