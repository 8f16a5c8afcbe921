package io.devenv.lifecycle;

import io.devenv.aws.AwsClients;
import io.devenv.environment.Environment;
import io.fabric8.kubernetes.client.KubernetesClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * SDK and fabric8 clients for a running environment, made on first use and closed together: what
 * the JUnit extension injects into tests.
 */
public final class EnvironmentClients implements AutoCloseable {

  private final Environment environment;
  private AwsClients aws;
  private KubernetesClient kubernetes;

  public EnvironmentClients(Environment environment) {
    this.environment = environment;
  }

  /**
   * The client of {@code type}: an AWS SDK v2 client or a fabric8 KubernetesClient.
   *
   * @throws IllegalStateException when the environment runs no AWS emulator, or no cluster, for it
   * @throws IllegalArgumentException for a type devenv does not make
   */
  public synchronized Object client(Class<?> type) {
    if (type == KubernetesClient.class) {
      return kubernetes();
    }
    AwsClients c = aws();
    if (type == S3Client.class) {
      return c.s3();
    } else if (type == SqsClient.class) {
      return c.sqs();
    } else if (type == SnsClient.class) {
      return c.sns();
    } else if (type == DynamoDbClient.class) {
      return c.dynamo();
    } else if (type == KinesisClient.class) {
      return c.kinesis();
    } else if (type == SecretsManagerClient.class) {
      return c.secrets();
    } else if (type == SsmClient.class) {
      return c.ssm();
    }
    throw new IllegalArgumentException("devenv makes no client of type " + type.getName());
  }

  private AwsClients aws() {
    if (environment.aws() == null) {
      throw new IllegalStateException("profile " + environment.profile().name() + " runs no AWS emulator");
    }
    if (aws == null) {
      aws = new AwsClients(environment.aws());
    }
    return aws;
  }

  public synchronized KubernetesClient kubernetes() {
    if (environment.cluster() == null) {
      throw new IllegalStateException("profile " + environment.profile().name() + " runs no Kubernetes");
    }
    if (kubernetes == null) {
      kubernetes = Clusters.client(environment.cluster());
    }
    return kubernetes;
  }

  @Override
  public synchronized void close() {
    if (aws != null) {
      aws.close();
    }
    if (kubernetes != null) {
      kubernetes.close();
    }
  }
}
