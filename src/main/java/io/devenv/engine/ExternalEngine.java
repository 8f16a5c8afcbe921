package io.devenv.engine;

import io.devenv.core.DevenvException;
import io.devenv.environment.AwsAccess;
import io.devenv.environment.AwsEndpointGuard;
import io.devenv.environment.ClusterAccess;
import io.devenv.environment.Environment;
import io.devenv.profile.Origin;
import io.devenv.profile.Profile;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The {@code external} engine: an AWS endpoint and a Kubernetes cluster that already run (an
 * emulator someone started, kind, Docker Desktop, a shared cluster). It starts nothing and stops
 * nothing, and never talks to Docker; it only says how to reach them.
 */
public final class ExternalEngine implements Engine {

  private final Map<String, String> environment;
  private final EngineChoice options;

  public ExternalEngine(Map<String, String> environment, EngineChoice options) {
    this.environment = Map.copyOf(environment);
    this.options = options;
  }

  @Override
  public EngineKind kind() {
    return EngineKind.EXTERNAL;
  }

  @Override
  public boolean ownsEnvironment() {
    return false;
  }

  @Override
  public Environment start(Profile profile, EngineOptions ignored) {
    return attach(profile, null);
  }

  @Override
  public Environment attach(Profile profile, Path projectDir) {
    AwsAccess aws = null;
    // An endpoint given without AWS resources is still guarded, and still written to .devenv/env: the user asked for it.
    if (profile.needsAws() || options.awsEndpoint() != null || profile.aws().endpoint() != null) {
      URI endpoint = AwsEndpointGuard.checked(endpoint(profile), options.allowRemoteAws());
      aws = AwsAccess.local(endpoint, profile.aws().region());
      URI forPods = options.awsEndpointForPods() != null ? options.awsEndpointForPods() : profile.kubernetes().awsEndpointForPods();
      if (forPods != null) {
        // Wired as the aws Service and devenv-aws, as the docker engine's network address is.
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

  /** The endpoint's health (asked once) and the kubeconfig in use: there are no containers to list. */
  @Override
  public Status status(Profile profile, Path projectDir) {
    List<ContainerStatus> parts = new ArrayList<>();
    if (profile.needsAws()) {
      URI endpoint = endpoint(profile);
      AwsEndpointGuard.check(endpoint, options.allowRemoteAws());
      String health = HealthProbe.once(endpoint, EmulatorPreset.of(profile.aws()).healthPath());
      parts.add(new ContainerStatus("aws", "external AWS endpoint", "", "", health.startsWith("unreachable") ? "unreachable"
          : "running", health, endpoint.toString(), null, List.of(), null, null));
    }
    if (profile.kubernetes().enabled()) {
      Path file = kubeconfigFile(options.kubeconfig());
      boolean readable = Files.isReadable(file);
      parts.add(new ContainerStatus("kubernetes", "external cluster", "", "", readable ? "running" : "missing",
          "kubeconfig " + Origin.display(file) + (options.context() == null ? "" : ", context " + options.context()),
          null, null, List.of(), null, null));
    }
    return new Status(projectDir, profile.name(), List.of(), parts);
  }

  @Override
  public void logs(Path projectDir, String profileName, String role, int tail, boolean follow, Consumer<String> lines) {
    throw DevenvException.invalid("the external engine runs no " + role + " container, so devenv has no log of it;"
        + " devenv logs shows a Deployment's log from the cluster (devenv logs NAME)");
  }

  /** Removes nothing: what the external engine uses was there before and stays. */
  @Override
  public DownReport down(Path projectDir, String profileName, boolean volumes) {
    return new DownReport(List.of(), List.of(), List.of());
  }

  private URI endpoint(Profile profile) {
    URI endpoint = options.awsEndpoint() != null ? options.awsEndpoint() : profile.aws().endpoint();
    if (endpoint == null) {
      throw DevenvException.invalid("profile " + profile.name() + " declares AWS resources but the external engine"
          + " has no endpoint: pass --aws-endpoint URL or set aws.endpoint in " + Origin.display(profile.file()));
    }
    return endpoint;
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
