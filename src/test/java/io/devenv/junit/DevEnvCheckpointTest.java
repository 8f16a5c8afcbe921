package io.devenv.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.devenv.checkpoint.CheckpointName;
import io.devenv.core.Progress;
import io.devenv.environment.AwsAccess;
import io.devenv.environment.Environment;
import io.devenv.lifecycle.Checkpoints;
import io.devenv.profile.Profile;
import io.devenv.profile.ProfileLoader;
import io.devenv.testing.MiniStackProcess;
import io.devenv.testing.MockCluster;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** {@code @DevEnv(checkpoint = ...)}: a class starts from a saved checkpoint, whatever earlier classes did. */
class DevEnvCheckpointTest {
  @RegisterExtension
  static final MiniStackProcess MINISTACK = new MiniStackProcess();

  static final String CHECKPOINT = "junit-after-first";
  static final Map<String, Object> OBSERVED = new LinkedHashMap<>();

  @TempDir
  Path dir;

  private MockCluster cluster;

  @BeforeEach
  void pointTheExtensionAtTheTestEmulatorAndCluster() throws Exception {
    cluster = new MockCluster(dir);
    System.setProperty("devenv.engine", "external");
    System.setProperty("devenv.aws.endpoint", MINISTACK.endpoint().toString());
    System.setProperty("devenv.kubeconfig", cluster.kubeconfig().toString());
    System.setProperty("devenv.report", dir.resolve("report.xml").toString());
    OBSERVED.clear();
  }

  @AfterEach
  void clear() {
    for (String p : List.of("devenv.engine", "devenv.aws.endpoint", "devenv.kubeconfig", "devenv.report")) {
      System.clearProperty(p);
    }
    cluster.close();
    Checkpoints checkpoints = new Checkpoints(Path.of("").toAbsolutePath(), Progress.SILENT);
    if (checkpoints.store().exists(new CheckpointName(CHECKPOINT))) {
      checkpoints.remove(new CheckpointName(CHECKPOINT));
    }
  }

  @Test
  @DisplayName("a class with @DevEnv(checkpoint) sees the checkpoint's data, not what a class run since then changed")
  void startsFromTheCheckpoint() {
    // Given a first class that adds an item, and a checkpoint saved after it
    EngineExecutionResults first = run(AddsFirst.class);
    assertThat(first.testEvents().failed().count()).as("first class").isZero();
    Profile profile = ProfileLoader.load(Path.of("src/test/resources/junit/aws.yaml"));
    Environment env = new Environment(profile, AwsAccess.local(MINISTACK.endpoint(), profile.aws().region()), null);
    new Checkpoints(Path.of("").toAbsolutePath(), Progress.SILENT).save(env, new CheckpointName(CHECKPOINT), "test");

    // When a second class adds another item, and a third asks for the checkpoint
    EngineExecutionResults rest = run(AddsSecond.class, FromCheckpoint.class);

    // Then the third sees the first item and not the second
    assertThat(rest.testEvents().failed().count()).as("failures: %s", rest.allEvents().failed().list()).isZero();
    assertThat(OBSERVED).containsEntry("first present", true).containsEntry("second present", false)
        .containsEntry("items", 41);
  }

  @Test
  @DisplayName("a checkpoint that does not exist fails the class with a message naming it")
  void missingCheckpoint() {
    EngineExecutionResults results = run(Missing.class);
    Throwable cause = results.containerEvents().failed().list().get(0)
        .getPayload(org.junit.platform.engine.TestExecutionResult.class)
        .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable).orElseThrow();
    assertThat(cause.getMessage()).as("message").startsWith("@DevEnv(checkpoint = \"never-saved\"): no checkpoint named never-saved");
  }

  private static EngineExecutionResults run(Class<?>... classes) {
    var request = EngineTestKit.engine("junit-jupiter")
        .configurationParameter("junit.jupiter.testclass.order.default", ClassOrderer.OrderAnnotation.class.getName());
    for (Class<?> c : classes) {
      request = request.selectors(selectClass(c));
    }
    return request.execute();
  }

  static void put(DynamoDbClient dynamo, String id) {
    dynamo.putItem(r -> r.tableName("junit-things").item(Map.of("id", AttributeValue.fromS(id))));
  }

  static boolean present(DynamoDbClient dynamo, String id) {
    return dynamo.getItem(r -> r.tableName("junit-things").key(Map.of("id", AttributeValue.fromS(id)))).hasItem();
  }

  // The classes below are run by the tests above through the TestKit, not by Surefire directly.

  @DevEnv(profile = "src/test/resources/junit/aws.yaml")
  static class AddsFirst {
    @Test
    void adds(DynamoDbClient dynamo) {
      put(dynamo, "first");
    }
  }

  @DevEnv(profile = "src/test/resources/junit/aws.yaml")
  @Order(1)
  static class AddsSecond {
    @Test
    void adds(DynamoDbClient dynamo) {
      put(dynamo, "second");
    }
  }

  // tag::checkpoint[]
  @DevEnv(profile = "src/test/resources/junit/aws.yaml", checkpoint = "junit-after-first")
  @Order(2)
  static class FromCheckpoint {
    @Test
    void sees(DynamoDbClient dynamo) {
      // Whatever classes ran before, the data is the checkpoint's: "first" is there, "second" is not.
      OBSERVED.put("first present", present(dynamo, "first"));
      OBSERVED.put("second present", present(dynamo, "second"));
      OBSERVED.put("items", dynamo.scan(r -> r.tableName("junit-things")).count());
    }
  }
  // end::checkpoint[]

  @DevEnv(profile = "src/test/resources/junit/aws.yaml", checkpoint = "never-saved")
  static class Missing {
    @Test
    void neverRuns() {
      throw new AssertionError("the class should not start");
    }
  }
}
