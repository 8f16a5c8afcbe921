package io.devenv.testing;

import io.fabric8.kubernetes.api.model.Config;
import io.fabric8.kubernetes.api.model.ConfigBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A fabric8 mock API server in CRUD mode, reachable through a kubeconfig file like any cluster. */
public final class MockCluster implements AutoCloseable {

  private final KubernetesMockServer server;
  private final Path kubeconfig;

  public MockCluster(Path dir) throws IOException {
    // CRUD mode, as @EnableKubernetesMockClient(crud = true) builds it: objects are stored, listed, watched.
    Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
    server = new KubernetesMockServer(new Context(), new MockWebServer(), responses,
        new KubernetesMixedDispatcher(responses), false);
    server.init(InetAddress.getLoopbackAddress(), 0);
    String url = server.createClient().getConfiguration().getMasterUrl();
    Config config = new ConfigBuilder()
        .addNewCluster().withName("mock").withNewCluster().withServer(url).endCluster().endCluster()
        .addNewUser().withName("mock").withNewUser().withToken("mock").endUser().endUser()
        .addNewContext().withName("mock").withNewContext().withCluster("mock").withUser("mock").endContext().endContext()
        .withCurrentContext("mock")
        .build();
    kubeconfig = dir.resolve("kubeconfig");
    Files.writeString(kubeconfig, Serialization.asYaml(config), StandardCharsets.UTF_8);
  }

  public Path kubeconfig() {
    return kubeconfig;
  }

  public KubernetesMockServer server() {
    return server;
  }

  @Override
  public void close() {
    server.destroy();
  }
}
