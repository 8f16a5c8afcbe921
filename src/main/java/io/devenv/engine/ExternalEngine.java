package io.devenv.engine;

import io.devenv.aws.AwsEndpointGuard;
import io.devenv.core.DevenvException;
import io.devenv.profile.Origin;
import io.devenv.profile.Profile;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The {@code external} engine: an AWS endpoint and a Kubernetes cluster that already run (an
 * emulator someone started, kind, Docker Desktop, a shared cluster). It starts nothing and stops
 * nothing; it only says how to reach them.
 */
public final class ExternalEngine {

  /**
   * Where the external environment is.
   *
   * @param awsEndpoint the AWS endpoint, or null to use the profile's {@code aws.endpoint}
   * @param allowRemoteAws accept an endpoint that is not on this machine
   * @param kubeconfig the kubeconfig file, or null for $KUBECONFIG, then ~/.kube/config
   * @param context the kubeconfig context, or null for its current one
   * @param awsEndpointForPods the AWS endpoint as the cluster's pods reach it, or null to use the
   *     profile's {@code kubernetes.awsEndpointForPods}
   */
  public record Options(URI awsEndpoint, boolean allowRemoteAws, Path kubeconfig, String context, URI awsEndpointForPods) {
    public Options(URI awsEndpoint, boolean allowRemoteAws, Path kubeconfig, String context) {
      this(awsEndpoint, allowRemoteAws, kubeconfig, context, null);
    }
  }

  private final Map<String, String> environment;

  public ExternalEngine(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  public Environment connect(Profile profile, Options options) {
    AwsAccess aws = null;
    if (profile.needsAws()) {
      URI endpoint = options.awsEndpoint() != null ? options.awsEndpoint() : profile.aws().endpoint();
      if (endpoint == null) {
        throw DevenvException.invalid("profile " + profile.name() + " declares AWS resources but the external engine"
            + " has no endpoint: pass --aws-endpoint URL or set aws.endpoint in " + Origin.display(profile.file()));
      }
      AwsEndpointGuard.check(endpoint, options.allowRemoteAws());
      aws = AwsAccess.local(endpoint, profile.aws().region());
      URI forPods = options.awsEndpointForPods() != null ? options.awsEndpointForPods() : profile.kubernetes().awsEndpointForPods();
      if (forPods != null) {
        aws = aws.withNetworkAddress(forPods.getHost(), forPods.getPort() > 0 ? forPods.getPort() : defaultPort(forPods));
      }
    }
    ClusterAccess cluster = null;
    if (profile.kubernetes().enabled()) {
      Path file = kubeconfigFile(options.kubeconfig());
      try {
        cluster = new ClusterAccess(Files.readString(file, StandardCharsets.UTF_8), options.context());
      } catch (IOException e) {
        throw DevenvException.invalid("cannot read the kubeconfig " + Origin.display(file) + ": " + e.getMessage()
            + "; pass --kubeconfig FILE, or set kubernetes.enabled: false");
      }
    }
    return new Environment(profile, aws, cluster);
  }

  private static int defaultPort(URI uri) {
    return "https".equals(uri.getScheme()) ? 443 : 80;
  }

  private Path kubeconfigFile(Path given) {
    if (given != null) {
      return given;
    }
    String variable = environment.get("KUBECONFIG");
    if (variable != null && !variable.isBlank()) {
      // KUBECONFIG may list several files; devenv reads the first, as most tools that take one do.
      return Path.of(variable.split(java.io.File.pathSeparator)[0]);
    }
    return Path.of(System.getProperty("user.home"), ".kube", "config");
  }
}
