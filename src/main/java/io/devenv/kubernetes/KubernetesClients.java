package io.devenv.kubernetes;

import io.devenv.core.DevenvException;
import io.devenv.core.ExitCode;
import io.devenv.engine.ClusterAccess;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;

/** A fabric8 client for a cluster as an engine hands it over; whoever made the cluster. */
public final class KubernetesClients {

  private KubernetesClients() {}

  /** A client for the kubeconfig (and context) of {@code access}. The caller closes it. */
  public static KubernetesClient connect(ClusterAccess access) {
    try {
      Config config = Config.fromKubeconfig(access.context(), access.kubeconfig(), null);
      return new KubernetesClientBuilder().withConfig(config).build();
    } catch (KubernetesClientException | IllegalArgumentException e) {
      throw new DevenvException(ExitCode.FAILURE,
          "cannot use the cluster's kubeconfig" + (access.context() == null ? "" : " (context " + access.context() + ")") + ": " + e.getMessage(), e);
    }
  }
}
