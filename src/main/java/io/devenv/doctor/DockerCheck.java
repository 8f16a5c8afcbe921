package io.devenv.doctor;

import io.devenv.engine.DockerAccess;

/** Docker answers, and says which version it is. */
final class DockerCheck implements Check {
  @Override
  public String name() {
    return "Docker";
  }

  @Override
  public CheckResult run(DoctorContext context) {
    var info = context.dockerInfo();
    if (info.isEmpty()) {
      return CheckResult.fail(name(), "not reachable at " + DockerAccess.host(),
          "start Docker (sudo systemctl start docker, or open Docker Desktop), or set DOCKER_HOST");
    }
    return CheckResult.ok(name(), "Docker " + info.get().getServerVersion() + " at " + DockerAccess.host()
        + ", " + info.get().getNCPU() + " CPUs");
  }
}
