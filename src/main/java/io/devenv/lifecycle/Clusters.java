package io.devenv.lifecycle;

import io.devenv.core.DevenvException;
import io.devenv.environment.ClusterAccess;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;
import io.fabric8.kubernetes.client.utils.Serialization;

/** A fabric8 client for a cluster an engine handed over. */
public final class Clusters {

  private Clusters() {}

  public static KubernetesClient client(ClusterAccess cluster) {
    try {
      return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(withContext(cluster))).build();
    } catch (DevenvException e) {
      throw e;
    } catch (RuntimeException e) {
      throw DevenvException.invalid("the kubeconfig cannot be used"
          + (cluster.context() == null ? "" : " with context " + cluster.context()) + ": " + e.getMessage());
    }
  }

  /** The kubeconfig with the context asked for made current (fabric8 reads the current one). */
  private static String withContext(ClusterAccess cluster) {
    if (cluster.context() == null) {
      return cluster.kubeconfig();
    }
    io.fabric8.kubernetes.api.model.Config parsed = KubeConfigUtils.parseConfigFromString(cluster.kubeconfig());
    if (parsed.getContexts() == null || parsed.getContexts().stream().noneMatch(c -> cluster.context().equals(c.getName()))) {
      throw DevenvException.invalid("the kubeconfig has no context named " + cluster.context()
          + "; list them with kubectl config get-contexts");
    }
    parsed.setCurrentContext(cluster.context());
    return Serialization.asYaml(parsed);
  }
}
