package io.devenv.environment;

/**
 * How to reach the Kubernetes cluster.
 *
 * @param kubeconfig a kubeconfig document (YAML) for clients on this machine
 * @param context the context to use in it, or null for its current context
 */
public record ClusterAccess(String kubeconfig, String context) {

  @Override
  public String toString() {
    // A kubeconfig holds credentials: never print it by accident.
    return "ClusterAccess[context=" + context + "]";
  }
}
