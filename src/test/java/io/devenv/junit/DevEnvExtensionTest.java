package io.devenv.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.devenv.testing.MiniStackProcess;
import io.devenv.testing.ControlPlane;
import io.devenv.testing.RealCluster;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import org.junit.platform.testkit.engine.Event;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The extension's contract, proven by running small test classes through the JUnit Platform's
 * TestKit against MiniStack (external engine) and the real test control plane (as the cluster).
 */
@RealCluster
class DevEnvExtensionTest {

  @RegisterExtension
  static final MiniStackProcess MINISTACK = new MiniStackProcess();

  /** What the fixture classes saw, for the assertions here. */
  static final List<DevEnvironment> SEEN = new ArrayList<>();
  static final Map<String, Object> OBSERVED = new LinkedHashMap<>();

  @TempDir
  Path dir;

  private ControlPlane cluster;

  @BeforeEach
  void pointTheExtensionAtTheTestEmulatorAndCluster(ControlPlane plane) throws Exception {
    cluster = plane;
    System.setProperty("devenv.engine", "external");
    System.setProperty("devenv.aws.endpoint", MINISTACK.endpoint().toString());
    System.setProperty("devenv.kubeconfig", cluster.kubeconfig().toString());
    System.setProperty("devenv.report", dir.resolve("report.xml").toString());
    SEEN.clear();
    OBSERVED.clear();
  }

  @AfterEach
  void clear() {
    for (String p : List.of("devenv.engine", "devenv.aws.endpoint", "devenv.kubeconfig", "devenv.report")) {
      System.clearProperty(p);
    }
  }

  @Test
  @DisplayName("two classes naming the same profile share one environment, started once")
  void sharedByClasses() {
    int before = SharedEnvironment.STARTS.get();

    EngineExecutionResults results = run(SharedA.class, SharedB.class);

    assertThat(results.testEvents().failed().count()).as("failures: %s", failures(results)).isZero();
    assertThat(results.testEvents().succeeded().count()).isEqualTo(2);
    assertThat(SharedEnvironment.STARTS.get() - before).as("environments started for two classes").isEqualTo(1);
    assertThat(SEEN).hasSize(2);
    assertThat(SEEN.get(0).shared()).as("both classes see the same environment").isSameAs(SEEN.get(1).shared());
    assertThat(dir.resolve("report.xml")).as("the readiness report is written").exists();
  }

  @Test
  @DisplayName("fields and parameters receive a DevEnvironment, every AWS client and a KubernetesClient, ready to use")
  void injectsEveryClient() {
    EngineExecutionResults results = run(InjectEverything.class);

    assertThat(results.testEvents().failed().count()).as("failures: %s", failures(results)).isZero();
    assertThat(OBSERVED).containsEntry("bucket object", "hello from the seed\n")
        .containsEntry("table items", 40)
        .containsEntry("queue url", true)
        .containsEntry("topic", true)
        .containsEntry("stream", "junit-stream")
        .containsEntry("secret", "{\"user\":\"app\"}")
        .containsEntry("parameter", "on")
        .containsEntry("configmap endpoint", "http://aws.junit:" + MINISTACK.port());
  }

  @Test
  @DisplayName("a class that asks for reseed starts from the seed data, whatever an earlier class changed")
  void reseedRestoresData() {
    EngineExecutionResults results = run(Dirty.class, Reseeded.class);

    assertThat(results.testEvents().failed().count()).as("failures: %s", failures(results)).isZero();
    assertThat(OBSERVED.get("items after dirty")).as("the first class added an item").isEqualTo(41);
    assertThat(OBSERVED.get("items after reseed")).as("reseed empties the table and loads the seed again").isEqualTo(40);
    assertThat(OBSERVED.get("extra item present")).isEqualTo(false);
  }

  @Test
  @DisplayName("a class whose environment cannot come up fails with the readiness report, not a NullPointerException")
  void failureCarriesTheReport() {
    EngineExecutionResults results = run(Stuck.class);

    List<Event> failed = results.containerEvents().failed().list();
    assertThat(failed).as("the class fails").hasSize(1);
    Throwable cause = failed.get(0).getPayload(org.junit.platform.engine.TestExecutionResult.class)
        .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable).orElseThrow();
    assertThat(cause).isInstanceOf(DevEnvStartException.class);
    assertThat(cause.getMessage()).as("names the profile, the object and how to dig further")
        .contains("junit-stuck", "Deployment stuck/never-ready", "kubectl");
    assertThat(dir.resolve("report.xml")).as("the failed check is in the report").content().contains("<failure");
  }

  private static EngineExecutionResults run(Class<?>... classes) {
    var request = EngineTestKit.engine("junit-jupiter")
        .configurationParameter("junit.jupiter.testclass.order.default", ClassOrderer.OrderAnnotation.class.getName());
    for (Class<?> c : classes) {
      request = request.selectors(selectClass(c));
    }
    return request.execute();
  }

  private static List<String> failures(EngineExecutionResults results) {
    return results.allEvents().failed().stream()
        .map(e -> e.getPayload(org.junit.platform.engine.TestExecutionResult.class)
            .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable).map(Throwable::toString).orElse("?"))
        .toList();
  }

  @Test
  @DisplayName("freshNamespace deploys the class's own copy into a new namespace on the real cluster, removed after the class")
  void freshNamespace() {
    EngineExecutionResults results = run(FreshNamespace.class);

    assertThat(results.testEvents().failed().count()).as("failures: %s", failures(results)).isZero();
    String namespace = (String) OBSERVED.get("namespace");
    assertThat(namespace).isNotEqualTo("junit");
    assertThat(OBSERVED.get("settings in it")).isEqualTo(true);
    var gone = cluster.client().namespaces().withName(namespace).get();
    assertThat(gone == null || gone.getMetadata().getDeletionTimestamp() != null).as("namespace %s deleted after the class", namespace).isTrue();
  }

  // The classes below are run by the tests above through the TestKit, not by Surefire directly.

  @DevEnv(profile = "src/test/resources/junit/aws.yaml", freshNamespace = true)
  static class FreshNamespace {
    @Test
    void ownNamespace(DevEnvironment env, KubernetesClient kubernetes) {
      OBSERVED.put("namespace", env.namespace());
      OBSERVED.put("settings in it", kubernetes.configMaps().inNamespace(env.namespace()).withName("junit-settings").get() != null);
    }
  }

  @DevEnv(profile = "src/test/resources/junit/aws.yaml")
  static class SharedA {
    @Test
    void sees(DevEnvironment env) {
      SEEN.add(env);
    }
  }

  @DevEnv(profile = "src/test/resources/junit/aws.yaml")
  static class SharedB {
    @Test
    void sees(DevEnvironment env) {
      SEEN.add(env);
    }
  }

  @DevEnv(profile = "src/test/resources/junit/aws.yaml")
  static class InjectEverything {
    @DevEnv.Inject S3Client s3;
    @DevEnv.Inject SqsClient sqs;
    @DevEnv.Inject SnsClient sns;
    @DevEnv.Inject DynamoDbClient dynamo;
    @DevEnv.Inject KinesisClient kinesis;
    @DevEnv.Inject SecretsManagerClient secrets;
    @DevEnv.Inject static SsmClient ssm;

    @Test
    void usesEachClient(DevEnvironment env, KubernetesClient kubernetes) {
      OBSERVED.put("bucket object", s3.getObjectAsBytes(r -> r.bucket("junit-bucket").key("hello.txt")).asUtf8String());
      OBSERVED.put("table items", dynamo.scan(r -> r.tableName("junit-things")).count());
      OBSERVED.put("queue url", env.queueUrl("junit-queue").endsWith("/junit-queue"));
      OBSERVED.put("topic", sns.listTopics().topics().stream().anyMatch(t -> t.topicArn().endsWith(":junit-topic")));
      OBSERVED.put("stream", kinesis.describeStreamSummary(r -> r.streamName("junit-stream")).streamDescriptionSummary().streamName());
      OBSERVED.put("secret", secrets.getSecretValue(r -> r.secretId("junit/secret")).secretString());
      OBSERVED.put("parameter", ssm.getParameter(r -> r.name("/junit/flag")).parameter().value());
      OBSERVED.put("configmap endpoint", Optional.ofNullable(kubernetes.configMaps().inNamespace(env.namespace())
          .withName("junit-settings").get()).map(c -> c.getData().get("endpoint")).orElse(null));
    }
  }

  @DevEnv(profile = "src/test/resources/junit/aws.yaml")
  @Order(1)
  static class Dirty {
    @Test
    void addsAnItem(DynamoDbClient dynamo) {
      dynamo.putItem(r -> r.tableName("junit-things").item(Map.of("id", AttributeValue.fromS("extra"))));
      OBSERVED.put("items after dirty", dynamo.scan(r -> r.tableName("junit-things")).count());
    }
  }

  @DevEnv(profile = "src/test/resources/junit/aws.yaml", reseed = "junit-things")
  @Order(2)
  static class Reseeded {
    @Test
    void startsFromTheSeed(DynamoDbClient dynamo) {
      OBSERVED.put("items after reseed", dynamo.scan(r -> r.tableName("junit-things")).count());
      OBSERVED.put("extra item present", dynamo.getItem(r -> r.tableName("junit-things")
          .key(Map.of("id", AttributeValue.fromS("extra")))).hasItem());
    }
  }

  @DevEnv(profile = "src/test/resources/junit/stuck.yaml")
  static class Stuck {
    @Test
    void neverRuns() {
      throw new AssertionError("the environment should not have come up");
    }
  }
}
