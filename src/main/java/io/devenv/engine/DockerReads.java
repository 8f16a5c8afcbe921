package io.devenv.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import io.devenv.core.JsonTrees;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Docker's container list and inspect for the reuse lookup, through docker-java's own transport on
 * a Unix socket, each answer read as a JSON tree. docker-java's commands map answers onto its model
 * classes, and the first mapping of each model costs Jackson's introspection of it: a list and an
 * inspect took 0.2 s of a 0.65 s no-op {@code up}, against 0.02 s read as trees.
 *
 * <p>What needs more than reading (the cluster's kubeconfig, importing images) gets docker-java's
 * client on the same socket from {@link #client()}, made only then.
 */
final class DockerReads implements Closeable {
  /** Answers larger than this are not what the lookup asked for. */
  private static final int MAX_ANSWER = 8 << 20;
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);

  private final URI host;
  private final DockerHttpClient http;
  private DockerClient client;

  private DockerReads(URI host, DockerHttpClient http) {
    this.host = host;
    this.http = http;
  }

  /** Reads on the Unix socket {@code host}; nothing is sent until the first read. */
  static DockerReads on(URI host) {
    if (!"unix".equals(host.getScheme())) {
      throw new IllegalArgumentException("not a Unix socket: " + host); // TLS may be needed: discovery decides
    }
    return new DockerReads(host, new ZerodepDockerHttpClient.Builder().dockerHost(host).sslConfig(TestcontainersHost.NO_TLS)
        .connectionTimeout(CONNECT_TIMEOUT).responseTimeout(ANSWER_TIMEOUT).build());
  }

  /** Whether Docker answers its ping: a first request, which also loads the transport's classes. */
  boolean ping() {
    try {
      get("/_ping", false);
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** Every container (running or not) carrying all of these {@code key=value} labels, in {@link ContainerSummary#ORDER}. */
  List<ContainerSummary> containers(List<String> labelFilter) throws IOException {
    List<ContainerSummary> found = new ArrayList<>();
    for (JsonNode entry : get("/containers/json?all=1&filters=" + labelQuery(labelFilter), true).orElseThrow()) {
      found.add(ContainerSummary.of(entry));
    }
    found.sort(ContainerSummary.ORDER);
    return found;
  }

  /** Docker's {@code filters} parameter for these labels, URL-encoded: {@code {"label": ["k=v", ...]}}. */
  private static String labelQuery(List<String> labelFilter) throws IOException {
    ObjectNode filters = JsonNodeFactory.instance.objectNode();
    labelFilter.forEach(filters.putArray("label")::add);
    return URLEncoder.encode(new String(JsonTrees.bytes(filters), StandardCharsets.UTF_8), StandardCharsets.UTF_8);
  }

  /** A network as Docker's list shows it. */
  record NetworkEntry(String id, String name) {}

  /** The networks carrying all of these {@code key=value} labels, by name. */
  List<NetworkEntry> networks(List<String> labelFilter) throws IOException {
    List<NetworkEntry> found = new ArrayList<>();
    for (JsonNode network : get("/networks?filters=" + labelQuery(labelFilter), true).orElseThrow()) {
      found.add(new NetworkEntry(network.path("Id").asText(), network.path("Name").asText()));
    }
    found.sort(java.util.Comparator.comparing(NetworkEntry::name));
    return found;
  }

  /** The container's inspect, or empty when it no longer exists. */
  Optional<ContainerDetails> inspect(String containerId) throws IOException {
    return get("/containers/" + URLEncoder.encode(containerId, StandardCharsets.UTF_8) + "/json", true)
        .map(ContainerDetails::of);
  }

  /** docker-java's client on the same socket, made on first use and closed with this. */
  synchronized DockerClient client() {
    if (client == null) {
      client = TestcontainersHost.client(host);
    }
    return client;
  }

  /** The answer's JSON (empty for 404 when {@code json}); an IOException for any other failure. */
  private Optional<JsonNode> get(String path, boolean json) throws IOException {
    DockerHttpClient.Request request = DockerHttpClient.Request.builder().method(DockerHttpClient.Request.Method.GET)
        .path(path).build();
    try (DockerHttpClient.Response response = http.execute(request); InputStream body = response.getBody()) {
      int status = response.getStatusCode();
      if (status == 404 && json) {
        return Optional.empty();
      }
      if (status != 200) {
        throw new IOException("Docker answered HTTP " + status + " to GET " + path);
      }
      if (!json) {
        return Optional.empty();
      }
      byte[] bytes = body.readNBytes(MAX_ANSWER + 1);
      if (bytes.length > MAX_ANSWER) {
        throw new IOException("Docker's answer to GET " + path + " is larger than " + MAX_ANSWER + " bytes");
      }
      return Optional.of(JsonTrees.parse(bytes));
    } catch (RuntimeException e) {
      throw new IOException("GET " + path + " on " + host + ": " + e.getMessage(), e); // the transport's unchecked failures
    }
  }

  @Override
  public synchronized void close() throws IOException {
    try {
      http.close();
    } finally {
      if (client != null) {
        client.close();
      }
    }
  }
}
