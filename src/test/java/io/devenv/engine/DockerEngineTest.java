package io.devenv.engine;

import io.devenv.environment.Environment;
import io.devenv.environment.AwsAccess;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Ports;
import io.devenv.core.DevenvException;
import io.devenv.core.ExitCode;
import io.devenv.expose.EnvFile;
import io.devenv.profile.Profile;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.DockerClientFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The engine against a real Docker and a real emulator image (MiniStack, built locally). Each
 * test uses its own project directory and removes everything it made, also when it fails.
 */
@Tag("docker") // needs Docker: run by mvn verify, not by mvn test
class DockerEngineTest {
  @TempDir Path project;
  private DockerEngine engine;
  private final List<String> profiles = new ArrayList<>();

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

  private Profile profile(String name, String extraAws) {
    profiles.add(name);
    return TestProfiles.ministack(project, name, extraAws);
  }

  private EngineOptions options() {
    return EngineOptions.of(project).withStartupTimeout(Duration.ofSeconds(60));
  }

  private List<Container> labelled() {
    return engine.docker().listContainersCmd().withShowAll(true)
        .withLabelFilter(Map.of(Labels.PROJECT, new EnvironmentId(project, null).projectHash())).exec();
  }

  @Test
  @DisplayName("up → status → env → up again reuses the container → a changed profile recreates it → down leaves nothing")
  void lifecycle() {
    // Given an AWS-only profile on the local MiniStack image
    Profile profile = profile("lifecycle", "");

    // When it is started
    Environment env = engine.start(profile, options());

    // Then the emulator answers on 127.0.0.1 with the profile's region, and has an address on the network
    AwsAccess aws = env.aws();
    assertThat(aws.endpoint().getHost()).isEqualTo("127.0.0.1");
    assertThat(aws.region()).isEqualTo("eu-west-3");
    assertThat(aws.networkAddress()).as("address on the environment's network").matches("\\d+\\.\\d+\\.\\d+\\.\\d+");
    assertThat(aws.networkPort()).isEqualTo(4566);
    assertThat(env.cluster()).as("kubernetes disabled").isNull();
    try (S3Client s3 = s3(aws)) {
      s3.createBucket(b -> b.bucket("lifecycle-bucket"));
      assertThat(s3.listBuckets().buckets()).extracting(b -> b.name()).contains("lifecycle-bucket");
    }

    // And status shows one healthy emulator container and the network
    Status status = engine.status(project, "lifecycle");
    assertThat(status.containers()).hasSize(1);
    ContainerStatus emulator = status.container("aws").orElseThrow();
    assertThat(emulator.health()).isEqualTo("healthy");
    assertThat(emulator.endpoint()).isEqualTo(aws.endpoint().toString());
    assertThat(status.networks()).containsExactly(new EnvironmentId(project, "lifecycle").baseName());
    assertThat(new DockerEngine(engine.docker()).status(project, "lifecycle"))
        .as("the same through docker-java's client, without the quick reads").isEqualTo(status);

    // And the env variables name the same endpoint
    assertThat(EnvFile.variables(env, null, List.of())).containsEntry("AWS_ENDPOINT_URL", aws.endpoint().toString())
        .containsEntry("AWS_REGION", "eu-west-3");

    // When up runs again with the same profile
    Environment again = engine.start(profile, options());

    // Then the same container is reused (same ID, same endpoint, state kept)
    assertThat(engine.status(project, "lifecycle").container("aws").orElseThrow().id())
        .as("no container was recreated").isEqualTo(emulator.id());
    assertThat(again.aws().endpoint()).isEqualTo(aws.endpoint());
    try (S3Client s3 = s3(again.aws())) {
      assertThat(s3.listBuckets().buckets()).extracting(b -> b.name()).as("state kept").contains("lifecycle-bucket");
    }

    // And attach (devenv env, status) finds it without starting anything
    assertThat(engine.attach(profile, project).aws().endpoint()).isEqualTo(aws.endpoint());
    assertThat(new DockerEngine(engine.docker()).attach(profile, project))
        .as("the same through docker-java's client, without the quick reads").isEqualTo(engine.attach(profile, project));

    // And its log can be read, and status serialises for --output json
    List<String> log = new ArrayList<>();
    engine.logs(project, "lifecycle", "aws", 200, false, log::add);
    assertThat(log).as("emulator log").anySatisfy(l -> assertThat(l).contains("Running on http://0.0.0.0:4566"));
    String json = uncheckedJson(engine.status(project, "lifecycle"));
    assertThat(json).contains("\"health\":\"healthy\"").contains("\"role\":\"aws\"");

    // When the profile changes something that shapes the container (same image, run as a custom emulator)
    Profile changed = TestProfiles.parse(project, "name: lifecycle\naws:\n  emulator: custom\n  image: "
        + DockerRequirements.MINISTACK_IMAGE + "\n  healthPath: /_ministack/health\n  region: eu-west-3\n"
        + "  buckets:\n    - name: engine-test-bucket\nkubernetes:\n  enabled: false\n");
    engine.start(changed, options());

    // Then the container is recreated
    ContainerStatus recreated = engine.status(project, "lifecycle").container("aws").orElseThrow();
    assertThat(recreated.id()).as("recreated").isNotEqualTo(emulator.id());
    assertThat(recreated.configHash()).isNotEqualTo(emulator.configHash());
    assertThat(labelled()).as("the old one is gone").hasSize(1);

    // When the environment is brought down
    DownReport down = engine.down(project, "lifecycle", false);

    // Then nothing with its labels is left: no container, no network; the state volume stays
    EnvironmentId id = new EnvironmentId(project, "lifecycle");
    assertThat(down.containers()).containsExactly(id.containerName("aws"));
    assertThat(down.networks()).containsExactly(id.baseName());
    assertThat(down.volumes()).isEmpty();
    assertThat(labelled()).isEmpty();
    assertThat(engine.status(project, "lifecycle").isEmpty()).isTrue();
    for (DockerEngine either : List.of(engine, new DockerEngine(engine.docker()))) {
      assertThatThrownBy(() -> either.attach(profile, project)).isInstanceOf(io.devenv.core.DevenvException.class)
          .hasMessageContaining("is not running").hasMessageContaining("run devenv up");
    }
    assertThat(engine.docker().listNetworksCmd().withFilter("label", id.labelFilter()).exec()).isEmpty();
    assertThat(volumes(id)).containsExactly(id.volumeName("aws"));

    // And down --volumes removes the state too
    assertThat(engine.down(project, "lifecycle", true).volumes()).containsExactly(id.volumeName("aws"));
    assertThat(volumes(id)).isEmpty();

    // And down through docker-java's client alone (no quick reads) removes and reports the same
    engine.start(profile, options());
    DownReport withoutReads = new DockerEngine(engine.docker()).down(project, "lifecycle", true);
    assertThat(withoutReads.containers()).containsExactly(id.containerName("aws"));
    assertThat(withoutReads.networks()).containsExactly(id.baseName());
    assertThat(withoutReads.volumes()).containsExactly(id.volumeName("aws"));
    assertThat(labelled()).isEmpty();
    assertThat(volumes(id)).isEmpty();
  }

  @Test
  @DisplayName("Every port is published on 127.0.0.1 only, and the container outlives this JVM (no Testcontainers session label)")
  void loopbackOnlyAndDetached() {
    // Given a started environment
    engine.start(profile("ports", ""), options());
    Container c = labelled().get(0);

    // When its container is inspected
    InspectContainerResponse info = engine.docker().inspectContainerCmd(c.getId()).exec();

    // Then every port binding is on 127.0.0.1 and nothing else is published
    Map<com.github.dockerjava.api.model.ExposedPort, Ports.Binding[]> bindings = info.getNetworkSettings().getPorts().getBindings();
    List<String> hostIps = new ArrayList<>();
    bindings.values().forEach(bs -> {
      if (bs != null) {
        for (Ports.Binding b : bs) {
          hostIps.add(b.getHostIp());
        }
      }
    });
    assertThat(hostIps).as("published host IPs").isNotEmpty().containsOnly("127.0.0.1");
    assertThat(info.getHostConfig().getPublishAllPorts()).as("publish-all off").isNotEqualTo(Boolean.TRUE);
    assertThat(info.getConfig().getLabels()).as("Testcontainers would remove it at JVM exit")
        .doesNotContainKey(DockerClientFactory.TESTCONTAINERS_SESSION_ID_LABEL)
        .containsEntry(Labels.PROFILE, "ports").containsEntry(Labels.ROLE, "aws");
  }

  @Test
  @DisplayName("Once the emulator is up, nothing in this JVM follows its log any more (the exit would wait for such a reader)")
  void logNotFollowedAfterStart() throws Exception {
    // Given an emulator started by the engine, whose start followed its log (for a failure's message)
    engine.start(profile("logs", ""), options());

    // Then no thread is left reading a container's log stream: the container outlives this JVM,
    // and a thread blocked in that socket read holds the JVM's exit for 0.3 s
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (!logReaders().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(logReaders()).as("threads still following a container's log").isEmpty();
    assertThat(labelled()).as("the emulator runs on").singleElement().satisfies(c -> assertThat(c.getState()).isEqualTo("running"));
  }

  /** Live stream readers: docker-java reads each streamed response (a followed log) on a thread of this name until it ends. */
  private static List<String> logReaders() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().startsWith("docker-java-stream")).map(Thread::getName).toList();
  }

  @Test
  @DisplayName("An emulator image that declares it cannot serve what the profile needs is refused before anything is created")
  void imageLabelsCheckedBeforeStart() {
    // Given an image that declares DynamoDB unavailable (the MiniStack image with the label)
    String base = engine.docker().createContainerCmd(DockerRequirements.MINISTACK_IMAGE).exec().getId();
    String image = "devenv-test/ministack-without-dynamodb:engine-test";
    engine.docker().commitCmd(base).withRepository("devenv-test/ministack-without-dynamodb").withTag("engine-test")
        .withLabels(Map.of(ImageServices.UNAVAILABLE, "dynamodb", ImageServices.REASON, "left out of this test image")).exec();
    engine.docker().removeContainerCmd(base).withForce(true).exec();
    try {
      // When a profile with a table starts on it
      Profile withTable = TestProfiles.parse(project, "name: labelled\naws:\n  emulator: ministack\n  image: " + image
          + "\n  tables:\n    - name: engine-test-table\n      partitionKey: { name: id, type: S }\nkubernetes:\n  enabled: false\n");
      DevenvException e = catchThrowableOfType(DevenvException.class, () -> engine.start(withTable, options()));

      // Then it fails as bad input in one line naming the table, the service, the image and the reason
      assertThat(e).isNotNull();
      assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
      assertThat(e.getMessage()).doesNotContain("\n").contains("engine-test-table", "dynamodb", image, "left out of this test image");
      // And nothing was made: no container, no network
      assertThat(labelled()).isEmpty();
      assertThat(engine.status(project, null).networks()).isEmpty();
    } finally {
      engine.docker().removeImageCmd(image).withForce(true).exec();
    }
  }

  @Test
  @DisplayName("A fixed emulator port that is taken fails before any container starts, naming the port")
  void takenPort() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      // Given the emulator asked on a port something listens on
      EngineOptions fixed = options().withAwsHostPort(taken.getLocalPort());

      // When started
      DevenvException e = catchThrowableOfType(DevenvException.class, () -> engine.start(profile("taken", ""), fixed));

      // Then one line names the port, and nothing was made: no container, no network
      assertThat(e).isNotNull();
      assertThat(e.getMessage()).contains("Port " + taken.getLocalPort() + " on 127.0.0.1 is taken");
      assertThat(labelled()).isEmpty();
      assertThat(engine.status(project, null).networks()).isEmpty();
    }
  }

  @Test
  @DisplayName("A fixed free port is used as asked, and up again reuses the emulator holding it")
  void fixedPort() throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    Profile fixed = profile("fixed", "");
    Environment env = engine.start(fixed, options().withAwsHostPort(port));
    assertThat(env.aws().endpoint()).isEqualTo(URI.create("http://127.0.0.1:" + port));

    // and up again with the same port reuses the container that holds it
    String id = engine.status(project, "fixed").container("aws").orElseThrow().id();
    assertThat(engine.start(fixed, options().withAwsHostPort(port)).aws().endpoint()).isEqualTo(env.aws().endpoint());
    assertThat(engine.status(project, "fixed").container("aws").orElseThrow().id()).isEqualTo(id);
  }

  @Test
  @DisplayName("Interrupting up while the emulator is starting removes everything that start created")
  void interruptLeavesNothing() throws Exception {
    // Given a profile whose emulator never becomes ready (a health path that does not exist)
    Profile neverReady = TestProfiles.parse(project, "name: interrupted\naws:\n  emulator: custom\n  image: "
        + DockerRequirements.MINISTACK_IMAGE + "\n  healthPath: /never-ready\n"
        + "  buckets:\n    - name: engine-test-bucket\nkubernetes:\n  enabled: false\n");
    profiles.add("interrupted");
    DevenvException[] thrown = new DevenvException[1];
    Thread up = new Thread(() -> {
      try {
        engine.start(neverReady, options());
      } catch (DevenvException e) {
        thrown[0] = e;
      }
    });

    // When up is interrupted once its container exists
    up.start();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (labelled().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(labelled()).as("the container was created before the interrupt").isNotEmpty();
    up.interrupt();
    up.join(Duration.ofSeconds(30).toMillis());

    // Then start ended as interrupted, and nothing with the project's labels is left
    assertThat(up.isAlive()).as("start returned").isFalse();
    assertThat(thrown[0]).isNotNull();
    assertThat(thrown[0].exitCode()).isEqualTo(ExitCode.INTERRUPTED);
    assertThat(labelled()).as("containers left").isEmpty();
    assertThat(engine.status(project, null).networks()).as("networks left").isEmpty();
  }

  @Test
  @DisplayName("An emulator that never gets ready fails with its name and log, and leaves nothing behind")
  void failureCleansUp() {
    Profile neverReady = TestProfiles.parse(project, "name: failing\naws:\n  emulator: custom\n  image: "
        + DockerRequirements.MINISTACK_IMAGE + "\n  healthPath: /never-ready\n"
        + "  buckets:\n    - name: engine-test-bucket\nkubernetes:\n  enabled: false\n");

    DevenvException e = catchThrowableOfType(DevenvException.class,
        () -> engine.start(neverReady, options().withStartupTimeout(Duration.ofSeconds(8))));

    assertThat(e).isNotNull();
    assertThat(e.getMessage()).contains("AWS emulator").contains(DockerRequirements.MINISTACK_IMAGE).contains("did not start");
    assertThat(e.detail()).as("the container's last log lines").isNotBlank();
    assertThat(labelled()).isEmpty();
  }

  @Test
  @DisplayName("Emulator and k3s start in parallel; when k3s fails, the emulator's start beside it is stopped and removed too")
  void parallelFailureRemovesBoth() {
    // Given a profile whose "k3s" image never logs that its node is ready (the emulator image stands in)
    Profile profile = TestProfiles.parse(project, "name: parallel\naws:\n  emulator: ministack\n  image: "
        + DockerRequirements.MINISTACK_IMAGE + "\n  buckets: [{ name: parallel-bucket }]\n"
        + "kubernetes:\n  image: " + DockerRequirements.MINISTACK_IMAGE + "\n");
    List<String> steps = java.util.Collections.synchronizedList(new ArrayList<>());
    io.devenv.core.Progress recording = new io.devenv.core.Progress() {
      @Override
      public Step start(String what) {
        return new Step() {
          @Override
          public void done(String outcome) {
            steps.add("done " + what + ": " + outcome);
          }

          @Override
          public void failed(String reason) {
            steps.add("failed " + what + ": " + reason);
          }

          @Override
          public java.time.Duration elapsed() {
            return java.time.Duration.ZERO;
          }
        };
      }

      @Override
      public void info(String line) {}
    };

    // When started with a short startup timeout
    DevenvException e = catchThrowableOfType(DevenvException.class, () -> engine.start(profile,
        options().withStartupTimeout(Duration.ofSeconds(15)).withProgress(recording)));

    // Then the failure names k3s, the emulator's start (begun beside it) was not waited for, and nothing is left
    assertThat(e).isNotNull();
    assertThat(e.getMessage()).startsWith("The k3s " + DockerRequirements.MINISTACK_IMAGE + " did not start");
    assertThat(steps).anySatisfy(s -> assertThat(s).matches("(done|failed) AWS emulator ministack: .*"));
    assertThat(steps).anySatisfy(s -> assertThat(s).startsWith("failed k3s"));
    assertThat(labelled()).as("containers left").isEmpty();
    assertThat(engine.status(project, null).networks()).as("networks left").isEmpty();
  }

  private List<String> volumes(EnvironmentId id) {
    var found = engine.docker().listVolumesCmd().withFilter("label", id.labelFilter()).exec().getVolumes();
    return found == null ? List.of() : found.stream().map(v -> v.getName()).toList();
  }

  private static String uncheckedJson(Object value) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper()
          .registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule()).writeValueAsString(value);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static S3Client s3(AwsAccess aws) {
    return S3Client.builder().endpointOverride(aws.endpoint()).region(Region.of(aws.region())).forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(aws.accessKeyId(), aws.secretAccessKey())))
        .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
        .build();
  }

  @SuppressWarnings("unused")
  private static DockerClient docker() {
    return DockerClientFactory.instance().client();
  }
}
