package io.devenv.lifecycle;

import io.devenv.aws.ConvergenceStamp;
import io.devenv.aws.ProvisionReport;
import io.devenv.core.Check;
import io.devenv.environment.Environment;
import io.devenv.expose.PortForwards.Forward;
import io.devenv.kubernetes.DeployReport;
import io.devenv.seed.SeedReport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A ready environment and what it took. Closing it stops the port-forwards and the Kubernetes
 * client this process holds; the containers keep running.
 *
 * @param environment how to reach the emulator and the cluster
 * @param aws what provisioning did, or null without AWS or when the stamp matched
 * @param seed what seeding did, or null without AWS or when the stamp matched
 * @param stamp the convergence stamp that matched, so that provisioning and seeding were skipped;
 *     null when they ran
 * @param kubernetes what the deploy did, or null without Kubernetes
 * @param forwards the port-forwards with their actual local ports
 * @param envFile the env file written
 * @param kubeconfig the kubeconfig written, or null without Kubernetes
 * @param checks one readiness check per step, in order
 * @param elapsed how long up took
 */
public record UpResult(
    Environment environment,
    ProvisionReport aws,
    SeedReport seed,
    ConvergenceStamp.Match stamp,
    DeployReport kubernetes,
    List<Forward> forwards,
    Path envFile,
    Path kubeconfig,
    List<Check> checks,
    Duration elapsed,
    AutoCloseable held) implements AutoCloseable {

  public UpResult {
    forwards = List.copyOf(forwards);
    checks = List.copyOf(checks);
  }

  @Override
  public void close() {
    try {
      held.close();
    } catch (Exception e) {
      // closing forwards and a client cannot fail in a way the caller could act on
    }
  }
}
