package io.devenv.lifecycle;

import io.devenv.core.DevenvException;
import io.devenv.engine.ClusterAccess;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

/** A fabric8 client for a cluster an engine handed over. */
public final class Clusters {

  private Clusters() {}

  public static KubernetesClient client(ClusterAccess cluster) {
    try {
      Config config = Config.fromKubeconfig(cluster.context(), cluster.kubeconfig(), null);
      return new KubernetesClientBuilder().withConfig(config).build();
    } catch (RuntimeException e) {
      throw DevenvException.invalid("the kubeconfig cannot be used"
          + (cluster.context() == null ? "" : " with context " + cluster.context()) + ": " + e.getMessage());
    }
  }
}
