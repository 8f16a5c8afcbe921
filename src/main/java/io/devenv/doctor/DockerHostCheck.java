package io.devenv.doctor;

import com.github.dockerjava.api.model.Info;

/**
 * A check of what the Docker host offers k3s, read from {@code docker info}: passes when the
 * profile runs no Kubernetes, is skipped when Docker does not answer (the Docker check says why).
 */
abstract class DockerHostCheck implements Check {

  @Override
  public final CheckResult run(DoctorContext context) {
    if (!context.wantsKubernetes()) {
      return CheckResult.ok(name(), "not needed (kubernetes.enabled is false)");
    }
    return context.dockerInfo().map(this::judge)
        .orElseGet(() -> CheckResult.skipped(name(), "not checked (Docker not reachable)"));
  }

  /** The verdict on a reachable Docker host. */
  abstract CheckResult judge(Info info);
}
