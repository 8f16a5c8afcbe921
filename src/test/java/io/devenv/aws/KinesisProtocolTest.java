package io.devenv.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.devenv.environment.AwsAccess;
import java.net.URI;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * devenv speaks JSON to Kinesis emulators without changing how anyone else's Kinesis client
 * speaks: no JVM-wide setting is left behind.
 */
class KinesisProtocolTest {

  @Test
  @DisplayName("after devenv builds its Kinesis client, a test author's own client still sends CBOR, and no property is left set")
  void ownClientUnaffected() {
    String before = System.getProperty("aws.cborEnabled");
    try (AwsClients devenv = new AwsClients(AwsAccess.local(URI.create("http://127.0.0.1:9"), null))) {
      devenv.kinesis();
    }
    assertThat(System.getProperty("aws.cborEnabled")).as("the JVM-wide switch").isEqualTo(before);

    AtomicReference<String> contentType = new AtomicReference<>();
    try (KinesisClient own = KinesisClient.builder()
        .endpointOverride(URI.create("http://127.0.0.1:9"))
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("k", "s")))
        .overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
          @Override
          public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            contentType.set(context.httpRequest().firstMatchingHeader("Content-Type").orElse(""));
            throw new IllegalStateException("stop before sending");
          }
        }))
        .build()) {
      catchThrowable(() -> own.listStreams());
    }
    assertThat(contentType.get()).as("the author's client keeps the SDK's default protocol").startsWith("application/x-amz-cbor");
  }
}
