package io.devenv.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.model.Container;
import io.devenv.aws.AwsClients;
import io.devenv.aws.AwsProvisioner;
import io.devenv.aws.ProvisionReport;
import io.devenv.aws.ResourceResult;
import io.devenv.core.DevenvException;
import io.devenv.core.ExitCode;
import io.devenv.core.Progress;
import io.devenv.environment.Environment;
import io.devenv.profile.Profile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * devenv's default preset — {@code localstack/localstack:4.14.0}, no {@code aws.emulator} or
 * {@code aws.image} in the profile — under the Docker engine, on the image CI builds without a
 * registry (.ci/build-localstack-image.sh): real LocalStack 4.14.0 in a container.
 */
@Tag("docker") // needs Docker and the image: run by mvn verify, not by mvn test
class LocalStackImageTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path project;
  private DockerEngine engine;

  @BeforeEach
  void requireDockerAndImage() {
    DockerRequirements.image(DockerRequirements.LOCALSTACK_IMAGE);
    engine = DockerEngine.connect();
  }

  @AfterEach
  void removeEverything() {
    if (engine != null) {
      engine.down(project, null, true);
    }
  }

  private Profile profile(String name, String aws) {
    return TestProfiles.parse(project, "name: " + name + "\naws:\n  region: eu-west-3\n" + aws + "kubernetes:\n  enabled: false\n");
  }

  private EngineOptions options() {
    return EngineOptions.of(project).withStartupTimeout(Duration.ofSeconds(120)).withEnvironment(Map.of());
  }

  private List<Container> labelled() {
    return engine.docker().listContainersCmd().withShowAll(true)
        .withLabelFilter(Map.of(Labels.PROJECT, new EnvironmentId(project, null).projectHash())).exec();
  }

  @Test
  @DisplayName("the default preset starts LocalStack 4.14.0, waits for its init stages, serves every resource but tables; up again reuses it; down leaves nothing")
  void defaultPresetLifecycle() throws Exception {
    // Given an AWS profile without tables that names no emulator: the default preset
    Profile profile = profile("ls-default", "  buckets: [{ name: ls-bucket, versioning: true }]\n"
        + "  queues: [{ name: ls-jobs }, { name: ls-orders.fifo, fifo: true }]\n"
        + "  topics: [{ name: ls-events, subscriptions: [{ queue: ls-jobs, rawDelivery: true }] }]\n"
        + "  streams: [{ name: ls-stream }]\n"
        + "  secrets: [{ name: ls/secret, value: { user: app } }]\n"
        + "  parameters: [{ name: /ls/flag, value: \"on\" }]\n");
    assertThat(EmulatorPreset.of(profile.aws())).isEqualTo(EmulatorPreset.LOCALSTACK);

    // When it is started
    Environment env = engine.start(profile, options());

    // Then LocalStack 4.14.0 answers on 127.0.0.1, its init stages have completed
    URI endpoint = env.aws().endpoint();
    assertThat(endpoint.getHost()).isEqualTo("127.0.0.1");
    assertThat(get(endpoint, "/_localstack/health").path("version").asText()).isEqualTo("4.14.0");
    assertThat(get(endpoint, "/_localstack/init/ready").path("completed").asBoolean()).as("init stages completed").isTrue();
    ContainerStatus emulator = engine.status(project, "ls-default").container("aws").orElseThrow();
    assertThat(emulator.health()).isEqualTo("healthy");

    // And every resource is created in it, Kinesis included (Node and its engine are in the image)
    try (AwsClients aws = new AwsClients(env.aws())) {
      ProvisionReport report = new AwsProvisioner(aws, Progress.SILENT).provision(profile);
      assertThat(report.results()).extracting(ResourceResult::outcome).containsOnly(ResourceResult.Outcome.CREATED);
      assertThat(aws.kinesis().describeStreamSummary(r -> r.streamName("ls-stream")).streamDescriptionSummary()
          .streamStatusAsString()).isEqualTo("ACTIVE");
    }

    // When up runs again
    Environment again = engine.start(profile, options());

    // Then the same container is reused, with its state
    assertThat(engine.status(project, "ls-default").container("aws").orElseThrow().id()).isEqualTo(emulator.id());
    try (AwsClients aws = new AwsClients(again.aws())) {
      assertThat(new AwsProvisioner(aws, Progress.SILENT).provision(profile).results())
          .extracting(ResourceResult::outcome).containsOnly(ResourceResult.Outcome.UP_TO_DATE);
    }

    // When it is brought down, nothing with its labels is left
    engine.down(project, "ls-default", true);
    assertThat(labelled()).isEmpty();
  }

  @Test
  @DisplayName("a profile with a table on this image fails before anything starts, naming the table, DynamoDB and the emulators that have it")
  void tableRefusedBeforeStart() {
    Profile profile = profile("ls-table", "  buckets: [{ name: ls-bucket }]\n"
        + "  tables:\n    - name: prefs\n      partitionKey: { name: id, type: S }\n");

    DevenvException e = catchThrowableOfType(DevenvException.class, () -> engine.start(profile, options()));

    assertThat(e).as("refused").isNotNull();
    assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
    assertThat(e.getMessage()).startsWith("table prefs (").contains("needs dynamodb", DockerRequirements.LOCALSTACK_IMAGE,
        "floci, ministack").doesNotContain("\n");
    assertThat(labelled()).as("nothing started").isEmpty();
  }

  @Test
  @DisplayName("a LocalStack tag after 4.14.0 without LOCALSTACK_AUTH_TOKEN is refused before anything starts")
  void newerTagNeedsToken() {
    Profile profile = profile("ls-newer", "  image: localstack/localstack:4.15.0\n  buckets: [{ name: ls-bucket }]\n");

    DevenvException e = catchThrowableOfType(DevenvException.class, () -> engine.start(profile, options()));

    assertThat(e).as("refused").isNotNull();
    assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
    assertThat(e.getMessage()).contains("localstack/localstack:4.15.0", EmulatorPreset.TOKEN_VARIABLE, "localstack/localstack:4.14.0");
    assertThat(labelled()).as("nothing started").isEmpty();
  }

  private static JsonNode get(URI endpoint, String path) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(endpoint.resolve(path))
        .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("GET %s", path).isEqualTo(200);
    return JSON.readTree(response.body());
  }
}
