package io.devenv.cli;

import io.devenv.core.DevenvException;
import io.devenv.core.ExitCode;
import io.devenv.engine.DockerEngine;
import io.devenv.environment.Environment;
import io.devenv.lifecycle.Clusters;
import io.devenv.profile.Profile;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code devenv logs}: the emulator's log, k3s's, or a Kubernetes workload's. */
@Command(name = "logs", description = "Show the log of the emulator (aws, the default), of k3s, or of a Deployment in the cluster.")
final class LogsCommand extends BaseCommand {

  @Parameters(index = "0", arity = "0..1", paramLabel = "WHAT",
      description = "aws (default), k3s, or a Deployment name (namespace/name or name in kubernetes.namespace).")
  String what = "aws";

  @Option(names = {"-f", "--follow"}, description = "Keep printing new lines until Ctrl-C.")
  boolean follow;

  @Option(names = "--tail", paramLabel = "N", description = "Only the last N lines (default 200; -1 for all).")
  int tail = 200;

  @Override
  @SuppressWarnings("try") // the log watch streams for the block's extent, not used in it
  protected int execute(Context context) {
    Profile profile = context.profile();
    if (!what.equals("aws") && !profile.kubernetes().enabled()) {
      throw DevenvException.invalid("profile " + profile.name() + " runs no Kubernetes (kubernetes.enabled is false);"
          + " devenv logs shows aws");
    }
    DockerEngine engine = DockerEngine.connect();
    if (what.equals("aws") || what.equals("k3s")) {
      engine.logs(context.projectDir(), profile.name(), what, tail, follow, context.out()::println);
      return ExitCode.OK;
    }
    Environment env = engine.attach(profile, context.projectDir());
    String namespace = what.contains("/") ? what.substring(0, what.indexOf('/')) : profile.kubernetes().namespace();
    String name = what.substring(what.indexOf('/') + 1);
    try (KubernetesClient client = Clusters.client(env.cluster())) {
      var deployment = client.apps().deployments().inNamespace(namespace).withName(name);
      if (deployment.get() == null) {
        throw DevenvException.invalid("no Deployment " + namespace + "/" + name + " in the cluster: try aws, k3s,"
            + " or one of kubectl -n " + namespace + " get deployments");
      }
      if (follow) {
        try (var watch = deployment.watchLog(new java.io.PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true))) {
          Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException stop) {
          Thread.currentThread().interrupt();
        }
      } else {
        String log = tail >= 0 ? deployment.tailingLines(tail).getLog() : deployment.getLog();
        context.out().print(log);
      }
    } catch (KubernetesClientException e) {
      throw DevenvException.failure("cannot read the log of " + namespace + "/" + name + ": " + e.getMessage(), e);
    }
    return ExitCode.OK;
  }
}
