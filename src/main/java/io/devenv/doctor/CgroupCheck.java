package io.devenv.doctor;

import com.github.dockerjava.api.model.Info;

/** k3s needs a cgroup setup it can run under; v2 is the future, v1 still works. */
final class CgroupCheck extends DockerHostCheck {
  @Override
  public String name() {
    return "cgroups";
  }

  @Override
  CheckResult judge(Info info) {
    String version = info.getCGroupVersion();
    String driver = info.getCGroupDriver();
    String detail = "cgroup v" + (version == null ? "?" : version) + " (" + (driver == null ? "unknown driver" : driver) + " driver)";
    if ("2".equals(version)) {
      return CheckResult.ok(name(), detail);
    }
    if ("1".equals(version)) {
      return CheckResult.warn(name(), detail + ": k3s runs, but Kubernetes keeps cgroup v1 only in maintenance",
          "boot with systemd.unified_cgroup_hierarchy=1 to switch to cgroup v2 when you can");
    }
    return CheckResult.warn(name(), detail + ": Docker did not say which cgroup version it uses",
        "check 'docker info' shows a Cgroup Version; update Docker if it does not");
  }
}
