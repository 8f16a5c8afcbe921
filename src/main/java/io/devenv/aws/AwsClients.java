package io.devenv.aws;

import io.devenv.core.DevenvException;
import io.devenv.environment.AwsAccess;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The AWS SDK clients for one endpoint, sharing one pooled HTTP client. Each service client is
 * built on first use, so a profile with only buckets never pays for the others.
 */
public final class AwsClients implements AutoCloseable {

  /** Enough connections for the seeder's pool plus the provisioner's, with room to spare. */
  public static final int MAX_CONNECTIONS = 128;

  private static final String CBOR_PROPERTY = "aws.cborEnabled";
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
  private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(120);

  private final AwsAccess access;
  private final SdkHttpClient http;
  /** Added to every client's own: the warm-up's stop before sending, a test's count of requests. */
  private final List<ExecutionInterceptor> interceptors;

  // Each client on its own lock, so that threads needing different services build them in parallel.
  private final Lazy<S3Client> s3 = new Lazy<>(this::buildS3);
  private final Lazy<SqsClient> sqs = new Lazy<>(() -> configure(SqsClient.builder()).build());
  private final Lazy<SnsClient> sns = new Lazy<>(() -> configure(SnsClient.builder()).build());
  private final Lazy<DynamoDbClient> dynamo = new Lazy<>(() -> configure(DynamoDbClient.builder()).build());
  private final Lazy<KinesisClient> kinesis = new Lazy<>(this::buildKinesis);
  private final Lazy<SecretsManagerClient> secrets = new Lazy<>(() -> configure(SecretsManagerClient.builder()).build());
  private final Lazy<SsmClient> ssm = new Lazy<>(() -> configure(SsmClient.builder()).build());

  public AwsClients(AwsAccess access) {
    this(access, List.of());
  }

  /** @param interceptors run by every client of these, after the SDK's own */
  public AwsClients(AwsAccess access, List<ExecutionInterceptor> interceptors) {
    this.access = access;
    this.interceptors = List.copyOf(interceptors);
    this.http = ApacheHttpClient.builder()
        .maxConnections(MAX_CONNECTIONS)
        .connectionTimeout(CONNECT_TIMEOUT)
        .socketTimeout(SOCKET_TIMEOUT)
        .connectionAcquisitionTimeout(Duration.ofSeconds(30))
        .build();
  }

  public AwsAccess access() {
    return access;
  }

  public URI endpoint() {
    return access.endpoint();
  }

  public String region() {
    return access.region();
  }

  /**
   * Fails fast, with one line naming the endpoint, when nothing listens there: otherwise the
   * first SDK call would retry for seconds and end in a stack of connection errors.
   */
  public void checkReachable() {
    URI endpoint = access.endpoint();
    int port = endpoint.getPort() > 0 ? endpoint.getPort() : ("https".equals(endpoint.getScheme()) ? 443 : 80);
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(endpoint.getHost(), port), (int) CONNECT_TIMEOUT.toMillis());
    } catch (IOException e) {
      throw AwsErrors.unreachable(endpoint, e);
    }
  }

  public S3Client s3() {
    return s3.get();
  }

  public SqsClient sqs() {
    return sqs.get();
  }

  public SnsClient sns() {
    return sns.get();
  }

  public DynamoDbClient dynamo() {
    return dynamo.get();
  }

  public KinesisClient kinesis() {
    return kinesis.get();
  }

  public SecretsManagerClient secrets() {
    return secrets.get();
  }

  public SsmClient ssm() {
    return ssm.get();
  }

  private S3Client buildS3() {
    return configure(S3Client.builder())
        .forcePathStyle(true)
        // Emulators do not all understand the SDK's default trailing CRC checksums.
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .build();
  }

  private KinesisClient buildKinesis() {
    // The SDK speaks CBOR to Kinesis by default, which not every emulator reads (MiniStack does
    // not); every emulator reads the JSON protocol. The SDK's only switch is a system property it
    // reads while building a client: set it for this build alone, so other clients keep their default.
    synchronized (AwsClients.class) {
      String before = System.getProperty(CBOR_PROPERTY);
      System.setProperty(CBOR_PROPERTY, "false");
      try {
        return configure(KinesisClient.builder()).build();
      } finally {
        if (before == null) {
          System.clearProperty(CBOR_PROPERTY);
        } else {
          System.setProperty(CBOR_PROPERTY, before);
        }
      }
    }
  }

  private <B extends AwsClientBuilder<B, ?> & software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<B, ?>>
      B configure(B builder) {
    return builder
        .endpointOverride(access.endpoint())
        .region(Region.of(access.region()))
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(access.accessKeyId(), access.secretAccessKey())))
        .httpClient(http)
        .overrideConfiguration(ClientOverrideConfiguration.builder()
            // A local emulator either answers quickly or is down: a few short retries are enough.
            .retryStrategy(RetryMode.STANDARD)
            .apiCallTimeout(CALL_TIMEOUT)
            .executionInterceptors(interceptors)
            .build());
  }

  @Override
  public void close() {
    for (Lazy<? extends AutoCloseable> client : List.of(s3, sqs, sns, dynamo, kinesis, secrets, ssm)) {
      client.close();
    }
    http.close();
  }

  /** A client built on first use. */
  private static final class Lazy<T extends AutoCloseable> {
    private final Supplier<T> build;
    private volatile T value;

    Lazy(Supplier<T> build) {
      this.build = build;
    }

    T get() {
      T v = value;
      if (v == null) {
        synchronized (this) {
          v = value;
          if (v == null) {
            v = build.get();
            value = v;
          }
        }
      }
      return v;
    }

    synchronized void close() {
      if (value != null) {
        try {
          value.close();
        } catch (Exception e) {
          // Closing cannot fail in a way the user could act on.
        }
        value = null;
      }
    }
  }

  /** A client for endpoints given as text, e.g. in tests and benchmarks. */
  public static AwsClients of(URI endpoint, String region) {
    if (endpoint == null) {
      throw DevenvException.invalid("No AWS endpoint given: set aws.endpoint or --aws-endpoint");
    }
    return new AwsClients(AwsAccess.local(endpoint, region));
  }
}
