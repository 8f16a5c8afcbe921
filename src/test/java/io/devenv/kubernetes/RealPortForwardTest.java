package io.devenv.kubernetes;

import static io.devenv.kubernetes.ManifestLoaderTest.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.devenv.core.Progress;
import io.devenv.expose.PortForwards;
import io.devenv.profile.Profile;
import io.devenv.testing.ControlPlane;
import io.devenv.testing.RealCluster;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Port-forwards through a real kube-apiserver's portforward subresource: the API server dials the
 * simulated node (KWOK), which forwards the pod's port {@value ControlPlane#FORWARDED_POD_PORT} to a
 * server this test runs on 127.0.0.1.
 */
@RealCluster
class RealPortForwardTest {

  @TempDir Path dir;
  private KubernetesClient client;
  private String ns;
  private ServerSocket pod;
  private Thread answering;
  private PortForwards forwards;

  @BeforeEach
  void start(ControlPlane plane) throws IOException {
    client = plane.client();
    ns = plane.uniqueNamespace("forward");
    // What the "pod" runs: answers each connection with one line, then echoes what it reads.
    pod = new ServerSocket(plane.forwardTargetPort(), 10, InetAddress.getLoopbackAddress());
    answering = new Thread(this::answer, "fake-pod-server");
    answering.setDaemon(true);
    answering.start();
  }

  @AfterEach
  void stop() throws IOException {
    if (forwards != null) {
      forwards.close();
    }
    pod.close();
  }

  @Test
  @DisplayName("a connection to the local port reaches the Service's pod through the real API server, both ways")
  void forwardsThroughTheApiServer() throws IOException {
    // Given a deployed Service and Deployment whose pod listens on 8080, and a forward of Service port 80
    write(dir, "app.yaml", RealDeployTest.service("api") + "---\n" + RealReadinessTest.deployment("api", "")
        .replace("image: api:dev}", "image: api:dev, ports: [{name: http, containerPort: 8080}]}"));
    Profile profile = TestProfiles.write(dir, "name: " + ns + "\nkubernetes:\n  namespace: " + ns + "\n  manifests: [app.yaml]\n"
        + "  portForwards: [{service: api, port: 80}]\n");
    new KubernetesDeployer(client, Progress.SILENT).deploy(profile, null);
    forwards = new PortForwards(client, Progress.SILENT);
    List<PortForwards.Forward> started = forwards.start(profile);

    // When a client connects and writes
    String answer;
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), started.get(0).localPort())) {
      socket.setSoTimeout(15_000);
      OutputStream out = socket.getOutputStream();
      out.write("ping\n".getBytes(StandardCharsets.UTF_8));
      out.flush();
      answer = new String(socket.getInputStream().readNBytes("hello from the pod\nping\n".length()), StandardCharsets.UTF_8);
    }

    // Then it talked to the pod and the pod to it
    assertThat(answer).isEqualTo("hello from the pod\nping\n");
    assertThat(started.get(0).address()).startsWith("127.0.0.1:");
  }

  private void answer() {
    while (!pod.isClosed()) {
      try (Socket s = pod.accept()) {
        s.setSoTimeout(15_000);
        OutputStream out = s.getOutputStream();
        out.write("hello from the pod\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
        InputStream in = s.getInputStream();
        byte[] line = in.readNBytes("ping\n".length());
        out.write(line);
        out.flush();
      } catch (IOException e) {
        // closed by the test, or one connection went wrong: the assertion says what was read
      }
    }
  }
}
