package io.devenv.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.devenv.expose.PortForwards;
import io.devenv.core.DevenvException;
import io.devenv.core.ExitCode;
import io.devenv.profile.Profile;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.internal.WebSocketMessage;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Port-forwards against the mock API server: Services and pods are CRUD objects; each pod's
 * port-forward stream is a WebSocket expectation that greets with the pod's name, in the
 * port-forward protocol (a port header on the data and error channels, then data on channel 0).
 */
@EnableKubernetesMockClient(crud = true, https = false)
class PortForwardsTest {

  static {
    MockServerLogs.quiet();
  }

  KubernetesMockServer server;
  KubernetesClient client;
  @TempDir Path dir;
  private final RecordingProgress progress = new RecordingProgress();
  private PortForwards forwards;

  @AfterEach
  void stop() {
    if (forwards != null) {
      forwards.close();
    }
  }

  @Test
  @DisplayName("localPort 0 picks a free port on 127.0.0.1, reported with the forward")
  void picksFreePort() throws IOException {
    // Given a Service with a ready pod
    service("api", 80, "http");
    pod("api-1", "api", "2025-03-01T10:00:00Z");

    // When its port 80 is forwarded with localPort 0
    forwards = new PortForwards(client, progress);
    List<PortForwards.Forward> started = forwards.start(profile("{service: api, port: 80}"));

    // Then a real port was picked and reported
    assertThat(started).singleElement().satisfies(f -> {
      assertThat(f.service()).isEqualTo("api");
      assertThat(f.namespace()).isEqualTo("shop");
      assertThat(f.localPort()).isPositive();
      assertThat(f.address()).isEqualTo("127.0.0.1:" + f.localPort());
    });
    int port = started.get(0).localPort();
    assertThat(progress.lines).containsExactly("Port-forwards: api:80 → 127.0.0.1:" + port);
  }

  @Test
  @DisplayName("a connection reaches the Service's pod through the API server's port-forward, on the pod's named port")
  void forwardsToPod() throws Exception {
    // Given a Service whose port 80 targets the pod's port named http (8080)
    service("api", 80, "http");
    pod("api-1", "api", "2025-03-01T10:00:00Z");
    greet("api-1", 8080);
    forwards = new PortForwards(client, progress);
    int port = forwards.start(profile("{service: api, port: 80}")).get(0).localPort();

    // When a client connects to the local port
    String greeting = read(port, "hello from api-1".length());

    // Then it talks to the pod
    assertThat(greeting).isEqualTo("hello from api-1");
  }

  @Test
  @DisplayName("when the pod is replaced, the next connection reaches the new pod: the forward outlives its pod")
  void reconnectsToNewPod() throws Exception {
    // Given a forward that reached pod api-1
    service("api", 80, "http");
    pod("api-1", "api", "2025-03-01T10:00:00Z");
    greet("api-1", 8080);
    forwards = new PortForwards(client, progress);
    int port = forwards.start(profile("{service: api, port: 80}")).get(0).localPort();
    assertThat(read(port, 16)).isEqualTo("hello from api-1");

    // When api-1 is replaced by api-2, as a rollout does
    client.pods().inNamespace("shop").withName("api-1").delete();
    pod("api-2", "api", "2025-03-01T10:05:00Z");
    greet("api-2", 8080);

    // Then a new connection on the same local port reaches api-2
    assertThat(read(port, 16)).isEqualTo("hello from api-2");
  }

  @Test
  @DisplayName("with no ready pod a connection is closed, and devenv says why, once")
  void noReadyPod() throws Exception {
    // Given a Service without pods
    service("api", 80, "http");
    forwards = new PortForwards(client, progress);
    int port = forwards.start(profile("{service: api, port: 80}")).get(0).localPort();

    // When a client connects twice
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      assertThat(socket.getInputStream().read()).as("closed by devenv").isEqualTo(-1);
    }
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      assertThat(socket.getInputStream().read()).isEqualTo(-1);
    }

    // Then
    assertThat(progress.lines).filteredOn(l -> l.contains("no ready pod")).containsExactly(
        "  port-forward api:80 (127.0.0.1:" + port + "): no ready pod behind Service shop/api; connection closed");
  }

  @Test
  @DisplayName("a local port already in use is an error naming the port, the Service and what to do")
  void takenPort() throws IOException {
    // Given a local port someone listens on
    service("api", 80, "http");
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      forwards = new PortForwards(client, progress);

      // When a forward asks for it
      DevenvException e = catchThrowableOfType(DevenvException.class,
          () -> forwards.start(profile("{service: api, port: 80, localPort: " + port + "}")));

      // Then
      assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
      assertThat(e.getMessage()).isEqualTo("kubernetes.portForwards (" + dir.resolve("profile.yaml") + ":5:7): cannot forward shop/api:80:"
          + " local port " + port + " on 127.0.0.1 is already in use; choose another localPort, or 0 for a free one");
    }
  }

  @Test
  @DisplayName("forwards start all or none: a failing second forward releases the first one's port")
  void allOrNothing() throws IOException {
    // Given one good forward and one to a Service that does not exist
    service("api", 80, "http");
    forwards = new PortForwards(client, progress);
    int free;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      free = probe.getLocalPort();
    }

    // When both are started
    DevenvException e = catchThrowableOfType(DevenvException.class, () -> forwards.start(
        profile("{service: api, port: 80, localPort: " + free + "}", "{service: web, port: 80}")));

    // Then the error names the missing Service, and the first port is free again
    assertThat(e.getMessage()).endsWith("there is no Service web in namespace shop to forward to");
    assertThat(forwards.forwards()).isEmpty();
    try (ServerSocket again = new ServerSocket(free, 1, InetAddress.getLoopbackAddress())) {
      assertThat(again.getLocalPort()).isEqualTo(free);
    }
  }

  @Test
  @DisplayName("a Service port that does not exist, or a Service without selector, is an error saying what there is")
  void badService() throws IOException {
    service("api", 80, "http");
    client.services().inNamespace("shop").resource(new ServiceBuilder().withNewMetadata().withName("aws").endMetadata()
        .withNewSpec().addNewPort().withPort(4566).endPort().endSpec().build()).create();
    forwards = new PortForwards(client, progress);

    DevenvException wrongPort = catchThrowableOfType(DevenvException.class, () -> forwards.start(profile("{service: api, port: 8080}")));
    DevenvException noSelector = catchThrowableOfType(DevenvException.class, () -> forwards.start(profile("{service: aws, port: 4566}")));

    assertThat(wrongPort.getMessage()).endsWith("Service shop/api has no port 8080 (it has 80)");
    assertThat(noSelector.getMessage()).endsWith("Service shop/aws has no selector; devenv forwards to the pods a Service selects");
  }

  private Profile profile(String... forwardsYaml) {
    StringBuilder yaml = new StringBuilder("name: shop\nkubernetes:\n  namespace: shop\n  portForwards:\n");
    for (String f : forwardsYaml) {
      yaml.append("    - ").append(f).append('\n');
    }
    return TestProfiles.write(dir, yaml.toString());
  }

  private void service(String name, int port, String targetPort) {
    client.services().inNamespace("shop").resource(new ServiceBuilder().withNewMetadata().withName(name).endMetadata()
        .withNewSpec().addToSelector("app", name)
        .addNewPort().withName("http").withPort(port).withNewTargetPort(targetPort).endPort().endSpec().build()).create();
  }

  private void pod(String name, String app, String created) {
    client.pods().inNamespace("shop").resource(new PodBuilder()
        .withNewMetadata().withName(name).addToLabels("app", app).withCreationTimestamp(created).endMetadata()
        .withNewSpec().addNewContainer().withName(app).withImage(app + ":dev").addNewPort().withName("http").withContainerPort(8080).endPort()
        .endContainer().endSpec()
        .withNewStatus().withPhase("Running").addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus()
        .build()).create();
  }

  /** The pod's port-forward stream: the port on the data and error channels, then a greeting on the data channel. */
  private void greet(String pod, int port) {
    byte lo = (byte) (port & 0xff);
    byte hi = (byte) ((port >> 8) & 0xff);
    byte[] hello = ("\0hello from " + pod).getBytes(StandardCharsets.UTF_8);
    server.expect().get().withPath("/api/v1/namespaces/shop/pods/" + pod + "/portforward?ports=" + port)
        .andUpgradeToWebSocket()
        .open(new WebSocketMessage(new byte[] {0, lo, hi}), new WebSocketMessage(new byte[] {1, lo, hi}), new WebSocketMessage(hello))
        .done()
        .always();
  }

  /**
   * Connects to the local port and reads {@code length} bytes. The mock pushes its greeting the
   * moment the WebSocket opens, which on a loaded machine can come before fabric8 has attached its
   * handlers (a real pod answers only once asked); a connection that closes empty is therefore
   * tried again, at most three times.
   */
  private static String read(int port, int length) throws IOException {
    String text = "";
    for (int attempt = 0; attempt < 3 && text.isEmpty(); attempt++) {
      try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
        socket.setSoTimeout(10_000);
        InputStream in = socket.getInputStream();
        text = new String(in.readNBytes(length), StandardCharsets.UTF_8);
      }
    }
    return text;
  }
}
