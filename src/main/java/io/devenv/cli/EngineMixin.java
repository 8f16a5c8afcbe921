package io.devenv.cli;

import io.devenv.engine.ExternalEngine;
import io.devenv.lifecycle.UpOptions;
import java.net.URI;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the environment runs: options shared by up and seed. */
final class EngineMixin {

  @Option(names = "--engine", paramLabel = "ENGINE",
      description = "docker (default): start or reuse containers; external: use --aws-endpoint and a kubeconfig that already run.")
  UpOptions.Engine engine = UpOptions.Engine.DOCKER;

  @Option(names = "--aws-endpoint", paramLabel = "URL",
      description = "With --engine external: the AWS endpoint (default: the profile's aws.endpoint).")
  URI awsEndpoint;

  @Option(names = "--allow-remote-aws",
      description = "Accept an AWS endpoint that is not on this machine (it could be a real account).")
  boolean allowRemoteAws;

  @Option(names = "--kubeconfig", paramLabel = "FILE",
      description = "With --engine external: the kubeconfig (default: $KUBECONFIG, then ~/.kube/config).")
  Path kubeconfig;

  @Option(names = "--context", paramLabel = "NAME", description = "With --engine external: the kubeconfig context.")
  String context;

  @Option(names = "--aws-endpoint-for-pods", paramLabel = "URL",
      description = "With --engine external: the AWS endpoint as the cluster's pods reach it (default: the profile's"
          + " kubernetes.awsEndpointForPods; without one, pods get no aws Service).")
  URI awsEndpointForPods;

  UpOptions options(Context context) {
    ExternalEngine.Options external = new ExternalEngine.Options(awsEndpoint, allowRemoteAws, kubeconfig, this.context,
        awsEndpointForPods);
    UpOptions base = engine == UpOptions.Engine.EXTERNAL
        ? UpOptions.external(context.projectDir(), external)
        : UpOptions.docker(context.projectDir());
    return base.withProgress(context.json() ? io.devenv.core.Progress.SILENT : context.progress());
  }
}
