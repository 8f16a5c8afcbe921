package io.devenv.doctor;

import java.util.List;
import java.util.Locale;

/**
 * k3s runs in a privileged container. Rootless Docker and Podman refuse or restrict that; this
 * reads {@code docker info} rather than starting a container, so it needs no image.
 */
final class PrivilegedCheck implements Check {
  @Override
  public String name() {
    return "privileged containers";
  }

  @Override
  public CheckResult run(DoctorContext context) {
    if (!context.wantsKubernetes()) {
      return CheckResult.ok(name(), "not needed (kubernetes.enabled is false)");
    }
    var info = context.dockerInfo();
    if (info.isEmpty()) {
      return CheckResult.skipped(name(), "not checked (Docker not reachable)");
    }
    List<String> security = info.get().getSecurityOptions() == null ? List.of() : info.get().getSecurityOptions();
    String joined = String.join(",", security).toLowerCase(Locale.ROOT);
    String os = String.valueOf(info.get().getOperatingSystem()).toLowerCase(Locale.ROOT);
    if (joined.contains("rootless")) {
      return CheckResult.fail(name(), "rootless Docker: k3s needs a privileged container, which rootless mode restricts",
          "use rootful Docker for devenv, or run with kubernetes.enabled: false or --engine external");
    }
    if (joined.contains("userns")) {
      return CheckResult.warn(name(), "user namespace remapping is on: privileged containers may be refused",
          "start the k3s container with --userns=host support, or turn userns-remap off in daemon.json");
    }
    if (os.contains("podman") || String.valueOf(info.get().getName()).toLowerCase(Locale.ROOT).contains("podman")) {
      return CheckResult.warn(name(), "Podman's Docker API: privileged k3s works only with rootful Podman",
          "run Podman rootful (podman machine set --rootful) or use Docker");
    }
    return CheckResult.ok(name(), "allowed (rootful Docker" + (security.isEmpty() ? "" : "; " + String.join(", ", security)) + ")");
  }
}
