package io.devenv.profile;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

@Doc("The k3s cluster and what is deployed to it.")
public record KubernetesSpec(
    Origin origin,
    @Doc("Start Kubernetes at all; false means AWS only.") @Default("true") boolean enabled,
    @Doc("The k3s image; a tag is pinned in code.") String image,
    @Doc("The namespace of manifests that name none.") @Default("default") String namespace,
    @Doc("Files or directories of manifests (*.yaml, *.yml, multi-document), applied in order.")
        @Exists(Exists.Kind.FILE_OR_DIRECTORY)
        List<Path> manifests,
    @Doc("Helm charts rendered in-process and applied after the manifests (see docs/cloud-directory.md).")
        List<ChartSpec> charts,
    @Doc("Images from the local Docker daemon imported into the cluster.") List<String> images,
    @Doc("Services forwarded to 127.0.0.1.") List<PortForward> portForwards,
    @Doc("How long to wait for rollouts, jobs and CRDs, e.g. 180s, 3m.") @Default("180s") Duration waitTimeout,
    @Doc("Files or directories among `manifests` applied as written: no `${...}` placeholder is filled in them"
        + " (for third-party manifests whose scripts use shell variables).")
        @Exists(Exists.Kind.FILE_OR_DIRECTORY)
        List<Path> verbatim,
    @Doc("With `--engine external`: the AWS endpoint as pods reach it (e.g. http://10.0.0.5:4566), wired as the"
        + " `aws` Service and `devenv-aws`; `--aws-endpoint-for-pods` overrides it.")
        URI awsEndpointForPods) {

  /** Whether {@code file} (as loaded) is one of {@link #verbatim} or inside one of them. */
  public boolean isVerbatim(Path file) {
    if (verbatim == null) {
      return false;
    }
    Path f = file.toAbsolutePath().normalize();
    return verbatim.stream().map(v -> v.toAbsolutePath().normalize()).anyMatch(f::startsWith);
  }

  @Doc("A port-forward from 127.0.0.1 to a Service.")
  public record PortForward(
      Origin origin,
      @Doc("The Service name.") @Required String service,
      @Doc("The Service's namespace; defaults to `kubernetes.namespace`.") String namespace,
      @Doc("The Service port.") @Required Integer port,
      @Doc("The local port; 0 or absent picks a free one.") @Default("0") Integer localPort) {}
}
