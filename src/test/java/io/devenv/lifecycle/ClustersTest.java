package io.devenv.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.devenv.core.DevenvException;
import io.devenv.core.ExitCode;
import io.devenv.environment.ClusterAccess;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ClustersTest {

  private static final String KUBECONFIG = """
      apiVersion: v1
      kind: Config
      clusters:
      - name: one
        cluster: { server: "https://127.0.0.1:6443" }
      - name: two
        cluster: { server: "https://127.0.0.1:7443" }
      users:
      - name: me
        user: { token: t }
      contexts:
      - name: first
        context: { cluster: one, user: me }
      - name: second
        context: { cluster: two, user: me }
      current-context: first
      """;

  @Test
  @DisplayName("a client uses the context asked for, else the kubeconfig's current one")
  void context() {
    try (KubernetesClient current = Clusters.client(new ClusterAccess(KUBECONFIG, null));
        KubernetesClient second = Clusters.client(new ClusterAccess(KUBECONFIG, "second"))) {
      assertThat(current.getConfiguration().getMasterUrl()).startsWith("https://127.0.0.1:6443");
      assertThat(second.getConfiguration().getMasterUrl()).startsWith("https://127.0.0.1:7443");
    }
  }

  @Test
  @DisplayName("a context the kubeconfig does not have is an error that says how to list them")
  void unknownContext() {
    DevenvException e = catchThrowableOfType(DevenvException.class,
        () -> Clusters.client(new ClusterAccess(KUBECONFIG, "third")));

    assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
    assertThat(e.getMessage())
        .isEqualTo("the kubeconfig has no context named third; list them with kubectl config get-contexts");
  }
}
