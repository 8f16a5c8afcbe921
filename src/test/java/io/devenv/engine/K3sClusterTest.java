package io.devenv.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.internal.KubeConfigUtils;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class K3sClusterTest {
  /** The shape of /etc/rancher/k3s/k3s.yaml as k3s writes it (credentials shortened). */
  private static final String K3S_YAML = """
      apiVersion: v1
      clusters:
      - cluster:
          certificate-authority-data: LS0tQ0E=
          server: https://127.0.0.1:6443
        name: default
      contexts:
      - context:
          cluster: default
          user: default
        name: default
      current-context: default
      kind: Config
      preferences: {}
      users:
      - name: default
        user:
          client-certificate-data: LS0tQ0VSVA==
          client-key-data: LS0tS0VZ
      """;

  @Test
  @DisplayName("The kubeconfig read from k3s points at the API port published on 127.0.0.1, credentials kept")
  void rewritesServer() {
    String rewritten = K3sCluster.withServer(K3S_YAML, "https://127.0.0.1:49154");

    var config = KubeConfigUtils.parseConfigFromString(rewritten);
    assertThat(config.getClusters().get(0).getCluster().getServer()).isEqualTo("https://127.0.0.1:49154");
    assertThat(config.getClusters().get(0).getCluster().getCertificateAuthorityData()).isEqualTo("LS0tQ0E=");
    assertThat(config.getUsers().get(0).getUser().getClientKeyData()).isEqualTo("LS0tS0VZ");
    assertThat(config.getCurrentContext()).isEqualTo("default");
  }

  @Test
  @DisplayName("The image ID k3s has is read from crictl's JSON; anything else means not imported")
  void readsCrictlImageId() {
    assertThat(K3sImages.imageIdFromCrictl("{\"status\":{\"id\":\"sha256:abc\",\"repoTags\":[\"docker.io/library/x:dev\"]}}"))
        .isEqualTo("sha256:abc");
    assertThat(K3sImages.imageIdFromCrictl("{}")).isNull();
    assertThat(K3sImages.imageIdFromCrictl("FATA[0000] no such image")).isNull();
  }

  @Test
  @DisplayName("The default k3s image is pinned to a release, not a moving tag")
  void pinned() {
    assertThat(K3sCluster.DEFAULT_IMAGE).matches("rancher/k3s:v\\d+\\.\\d+\\.\\d+-k3s\\d+");
  }
}
