package io.devenv.engine;

import java.net.URI;
import java.nio.file.Path;

/**
 * Which engine to use and, for the external one, where its environment is.
 *
 * @param kind the engine
 * @param awsEndpoint the AWS endpoint, or null to use the profile's {@code aws.endpoint}
 * @param allowRemoteAws accept an endpoint that is not on this machine
 * @param kubeconfig the kubeconfig file, or null for $KUBECONFIG, then ~/.kube/config
 * @param context the kubeconfig context, or null for its current one
 * @param awsEndpointForPods the AWS endpoint as the cluster's pods reach it, or null to use the
 *     profile's {@code kubernetes.awsEndpointForPods}
 */
public record EngineChoice(EngineKind kind, URI awsEndpoint, boolean allowRemoteAws, Path kubeconfig, String context,
    URI awsEndpointForPods) {

  public EngineChoice(EngineKind kind, URI awsEndpoint, boolean allowRemoteAws, Path kubeconfig, String context) {
    this(kind, awsEndpoint, allowRemoteAws, kubeconfig, context, null);
  }

  public EngineChoice {
    if (kind == null) {
      throw new IllegalArgumentException("an engine choice needs a kind");
    }
  }

  public static EngineChoice docker() {
    return new EngineChoice(EngineKind.DOCKER, null, false, null, null);
  }

  public static EngineChoice external(URI awsEndpoint, boolean allowRemoteAws, Path kubeconfig, String context) {
    return new EngineChoice(EngineKind.EXTERNAL, awsEndpoint, allowRemoteAws, kubeconfig, context);
  }
}
