package io.devenv.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Keeps every request the AWS SDK sends while a phase is set, as it goes on the wire (method,
 * URI, headers, body): what devenv sends, to be replayed as the emulator's limit. Registered as a
 * global interceptor by this benchmark's classpath only.
 */
public final class Capture implements ExecutionInterceptor {
  /** One request on the wire. */
  public record Sent(String phase, String service, String operation, String method, String uri,
      Map<String, List<String>> headers, byte[] body, long startNanos, long[] endNanos) {}

  private static final List<Sent> SENT = new ArrayList<>();
  private static volatile String phase;

  /** Captures what is sent from now on under {@code name}; null stops capturing. */
  public static void phase(String name) {
    phase = name;
  }

  public static synchronized List<Sent> sent() {
    return List.copyOf(SENT);
  }

  private static final ExecutionAttribute<Sent> SENT_KEY = new ExecutionAttribute<>("devenv-bench-sent");
  private static final ExecutionAttribute<byte[]> BODY = new ExecutionAttribute<>("devenv-bench-body");

  /** Reads the body once and hands the SDK a copy: a file body's provider allows one open stream. */
  @Override
  public Optional<RequestBody> modifyHttpContent(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
    if (phase == null) {
      return context.requestBody();
    }
    if (context.requestBody().isEmpty()) {
      // A query-protocol body (SNS) is the marshalled request's own content, readable again.
      if (context.httpRequest() instanceof SdkHttpFullRequest full && full.contentStreamProvider().isPresent()) {
        try (InputStream in = full.contentStreamProvider().get().newStream()) {
          attributes.putAttribute(BODY, in.readAllBytes());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return context.requestBody();
    }
    RequestBody original = context.requestBody().get();
    try (InputStream in = original.contentStreamProvider().newStream()) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      in.transferTo(out);
      byte[] bytes = out.toByteArray();
      attributes.putAttribute(BODY, bytes);
      return Optional.of(RequestBody.fromBytes(bytes));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
    String now = phase;
    if (now == null) {
      return;
    }
    byte[] body = attributes.getAttribute(BODY);
    var http = context.httpRequest();
    if (body == null && http instanceof SdkHttpFullRequest full && full.contentStreamProvider().isPresent()) {
      // The query protocol (SNS) moves its parameters into the body after the content was modified.
      try (InputStream in = full.contentStreamProvider().get().newStream()) {
        body = in.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    Sent sent = new Sent(now, attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME),
        attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), http.method().name(), http.getUri().toString(),
        http.headers(), body == null ? new byte[0] : body, System.nanoTime(), new long[] {Long.MAX_VALUE});
    attributes.putAttribute(SENT_KEY, sent);
    synchronized (Capture.class) {
      SENT.add(sent);
    }
  }

  /** When the answer came: a request sent after it may depend on it, one sent before may not. */
  @Override
  public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
    Sent sent = attributes.getAttribute(SENT_KEY);
    if (sent != null) {
      sent.endNanos()[0] = System.nanoTime();
    }
  }
}
