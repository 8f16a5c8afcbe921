package io.devenv.cli;

import io.devenv.engine.EngineChoice;
import io.devenv.engine.EngineKind;
import io.devenv.lifecycle.Checkpoints;
import io.devenv.lifecycle.Operations;
import io.devenv.lifecycle.UpOptions;
import java.net.URI;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the environment runs: options shared by up, plan, seed, status, down and logs. */
final class EngineMixin {

  @Option(names = "--engine", paramLabel = "ENGINE",
      description = "docker (default for up): start or reuse containers; external: use --aws-endpoint and a kubeconfig"
          + " that already run. Other commands default to the engine the last up used.")
  EngineKind engine;

  @Option(names = "--aws-endpoint", paramLabel = "URL", converter = UrlConverter.class,
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

  @Option(names = "--aws-endpoint-for-pods", paramLabel = "URL", converter = UrlConverter.class,
      description = "With --engine external: the AWS endpoint as the cluster's pods reach it (default: the profile's"
          + " kubernetes.awsEndpointForPods; without one, pods get no aws Service).")
  URI awsEndpointForPods;

  /** The engine given on the command line, or null when none was. */
  EngineChoice choice() {
    if (engine == null) {
      return null;
    }
    return new EngineChoice(engine, awsEndpoint, allowRemoteAws, kubeconfig, this.context, awsEndpointForPods);
  }

  /** How up runs: the engine given, else docker. */
  UpOptions options(Context context) {
    EngineChoice given = choice();
    UpOptions base = UpOptions.of(context.projectDir(), given == null ? EngineChoice.docker() : given);
    return base.withProgress(context.json() ? io.devenv.core.Progress.SILENT : context.progress());
  }

  /** The other verbs: on the engine given, else on the one the last up used. */
  Operations operations(Context context) {
    return new Operations(context.projectDir(), choice(), System.getenv(),
        context.json() ? io.devenv.core.Progress.SILENT : context.progress());
  }

  /** The checkpoint verbs, on the same engine as {@link #operations}. */
  Checkpoints checkpoints(Context context) {
    return new Checkpoints(context.projectDir(), operations(context),
        context.json() ? io.devenv.core.Progress.SILENT : context.progress());
  }
}
