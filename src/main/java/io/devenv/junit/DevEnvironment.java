package io.devenv.junit;

import io.devenv.environment.AwsAccess;
import io.devenv.expose.PortForwards.Forward;
import io.devenv.lifecycle.UpResult;
import io.devenv.profile.BucketSpec;
import io.devenv.profile.Profile;
import io.devenv.profile.QueueSpec;
import io.devenv.profile.StreamSpec;
import io.devenv.profile.TableSpec;
import io.devenv.profile.TopicSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * A running environment as a test sees it: how to reach the emulator and the cluster, the
 * profile's resource names, forwarded ports, and ready-made clients (owned by devenv: do not close
 * them).
 */
public final class DevEnvironment {

  /** The client types a test can ask for. */
  static final List<Class<?>> CLIENT_TYPES = List.of(S3Client.class, SqsClient.class, SnsClient.class,
      DynamoDbClient.class, KinesisClient.class, SecretsManagerClient.class, SsmClient.class, KubernetesClient.class);

  private final SharedEnvironment shared;
  private final String namespace;

  DevEnvironment(SharedEnvironment shared, String namespace) {
    this.shared = shared;
    this.namespace = namespace;
  }

  /** The environment underneath, shared by every class with the same settings. */
  SharedEnvironment shared() {
    return shared;
  }

  public Profile profile() {
    return shared.profile();
  }

  public String profileName() {
    return shared.profile().name();
  }

  /** Whether this environment was already running before the tests (it is then left running). */
  public boolean attached() {
    return shared.attached();
  }

  /** The AWS endpoint as this machine reaches it. */
  public URI awsEndpoint() {
    return aws().endpoint();
  }

  public Region region() {
    return Region.of(aws().region());
  }

  public AwsCredentialsProvider credentials() {
    return StaticCredentialsProvider.create(AwsBasicCredentials.create(aws().accessKeyId(), aws().secretAccessKey()));
  }

  /** The kubeconfig file devenv wrote for the cluster. */
  public Path kubeconfig() {
    Path file = up().kubeconfig();
    if (file == null) {
      throw new IllegalStateException("profile " + profileName() + " runs no Kubernetes");
    }
    return file;
  }

  /** The namespace this class deploys to: its own with {@code freshNamespace}, else the profile's. */
  public String namespace() {
    return namespace;
  }

  /** The local port forwarded to each Service, by Service name. */
  public Map<String, Integer> forwardedPorts() {
    Map<String, Integer> ports = new LinkedHashMap<>();
    for (Forward f : up().forwards()) {
      ports.put(f.service(), f.localPort());
    }
    return ports;
  }

  public List<String> buckets() {
    return profile().aws().buckets().stream().map(BucketSpec::name).toList();
  }

  public List<String> queues() {
    return profile().aws().queues().stream().map(QueueSpec::name).toList();
  }

  public List<String> topics() {
    return profile().aws().topics().stream().map(TopicSpec::name).toList();
  }

  public List<String> tables() {
    return profile().aws().tables().stream().map(TableSpec::name).toList();
  }

  public List<String> streams() {
    return profile().aws().streams().stream().map(StreamSpec::name).toList();
  }

  /** The URL of one of the profile's queues. */
  public String queueUrl(String queue) {
    return client(SqsClient.class).getQueueUrl(r -> r.queueName(queue)).queueUrl();
  }

  /** A ready-made client of one of {@link #CLIENT_TYPES}, shared by every test of the run. */
  public <T> T client(Class<T> type) {
    if (!CLIENT_TYPES.contains(type)) {
      throw new IllegalArgumentException("devenv provides no " + type.getName() + "; ask for one of " + CLIENT_TYPES);
    }
    Object client = shared.client(type);
    return type.cast(client);
  }

  private AwsAccess aws() {
    AwsAccess aws = up().environment().aws();
    if (aws == null) {
      throw new IllegalStateException("profile " + profileName() + " runs no AWS emulator");
    }
    return aws;
  }

  private UpResult up() {
    return shared.require();
  }

  @Override
  public String toString() {
    return "DevEnvironment[" + profileName() + (attached() ? ", attached" : "") + ", namespace " + namespace + "]";
  }
}
