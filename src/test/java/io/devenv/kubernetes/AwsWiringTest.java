package io.devenv.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.devenv.environment.AwsAccess;
import io.devenv.profile.Profile;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pods reach the emulator through a Service and a ConfigMap in every namespace devenv deploys to. */
@EnableKubernetesMockClient(crud = true, https = false)
class AwsWiringTest {

  static {
    MockServerLogs.quiet();
  }

  KubernetesMockServer server;
  KubernetesClient client;
  @TempDir Path dir;

  @Test
  @DisplayName("every namespace gets a selector-less Service aws, an EndpointSlice at the emulator's address, and devenv-aws")
  void wiresEveryNamespace() throws IOException {
    // Given objects in the profile's namespace and in another one, and the emulator at 172.18.0.5:4566
    Profile profile = profile("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\n"
        + "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: b, namespace: tools}\n");

    // When deployed
    DeployReport report = new KubernetesDeployer(client, new RecordingProgress()).deploy(profile, TestProfiles.AWS);

    // Then both namespaces are wired, each ConfigMap pointing at its own namespace's Service
    assertThat(report.namespaces()).containsExactly("shop", "tools");
    for (String ns : report.namespaces()) {
      var service = client.services().inNamespace(ns).withName("aws").get();
      assertThat(service.getSpec().getSelector()).as("no selector: its endpoints are devenv's").isNullOrEmpty();
      assertThat(service.getSpec().getPorts()).singleElement().satisfies(p -> {
        assertThat(p.getPort()).isEqualTo(4566);
        assertThat(p.getName()).isEqualTo("edge");
      });
      var slice = client.discovery().v1().endpointSlices().inNamespace(ns).withName("aws").get();
      assertThat(slice.getMetadata().getLabels()).containsEntry("kubernetes.io/service-name", "aws")
          .containsEntry("endpointslice.kubernetes.io/managed-by", "devenv");
      assertThat(slice.getAddressType()).isEqualTo("IPv4");
      assertThat(slice.getEndpoints()).singleElement().satisfies(e -> assertThat(e.getAddresses()).containsExactly("172.18.0.5"));
      assertThat(slice.getPorts()).singleElement().satisfies(p -> assertThat(p.getPort()).isEqualTo(4566));
      assertThat(client.configMaps().inNamespace(ns).withName("devenv-aws").get().getData()).isEqualTo(Map.of(
          "AWS_ENDPOINT_URL", "http://aws." + ns + ":4566",
          "AWS_REGION", "eu-west-3",
          "AWS_DEFAULT_REGION", "eu-west-3",
          "AWS_ACCESS_KEY_ID", "test",
          "AWS_SECRET_ACCESS_KEY", "test"));
    }
  }

  @Test
  @DisplayName("an emulator known by host name only is reached through an ExternalName Service")
  void hostName() throws IOException {
    // Given an emulator the engine knows as host.docker.internal:4566
    AwsAccess aws = AwsAccess.local(URI.create("http://127.0.0.1:4566"), "us-east-1").withNetworkAddress("host.docker.internal", 4566);

    // When deployed
    new KubernetesDeployer(client, new RecordingProgress()).deploy(profile("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n"), aws);

    // Then
    var service = client.services().inNamespace("shop").withName("aws").get();
    assertThat(service.getSpec().getType()).isEqualTo("ExternalName");
    assertThat(service.getSpec().getExternalName()).isEqualTo("host.docker.internal");
    assertThat(client.discovery().v1().endpointSlices().inNamespace("shop").withName("aws").get()).isNull();
  }

  @Test
  @DisplayName("an emulator on this machine's loopback only cannot be wired: devenv-aws is written, the Service not, and devenv says why")
  void loopbackOnly() throws IOException {
    // Given an emulator known only at 127.0.0.1
    AwsAccess aws = AwsAccess.local(URI.create("http://127.0.0.1:4566"), "us-east-1");
    RecordingProgress progress = new RecordingProgress();

    // When deployed
    new KubernetesDeployer(client, progress).deploy(profile("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n"), aws);

    // Then
    assertThat(client.services().inNamespace("shop").withName("aws").get()).isNull();
    assertThat(client.configMaps().inNamespace("shop").withName("devenv-aws").get()).isNotNull();
    assertThat(progress.lines).anyMatch(l -> l.contains("pods cannot reach the AWS emulator"));
  }

  @Test
  @DisplayName("without an emulator nothing AWS is made")
  void noAws() throws IOException {
    new KubernetesDeployer(client, new RecordingProgress()).deploy(profile("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n"), null);

    assertThat(client.services().inNamespace("shop").withName("aws").get()).isNull();
    assertThat(client.configMaps().inNamespace("shop").withName("devenv-aws").get()).isNull();
  }

  private Profile profile(String manifests) throws IOException {
    Files.writeString(dir.resolve("app.yaml"), manifests);
    return TestProfiles.write(dir, "name: shop\nkubernetes: {namespace: shop, manifests: [app.yaml]}\n");
  }
}
