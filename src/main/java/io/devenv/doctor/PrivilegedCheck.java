package io.devenv.doctor;

import com.github.dockerjava.api.model.Info;
import java.util.List;
import java.util.Locale;

/**
 * k3s runs in a privileged container. Rootless Docker and Podman refuse or restrict that; this
 * reads {@code docker info} rather than starting a container, so it needs no image.
 */
final class PrivilegedCheck extends DockerHostCheck {
  @Override
  public String name() {
    return "privileged containers";
  }

  @Override
  CheckResult judge(Info info) {
    List<String> security = info.getSecurityOptions() == null ? List.of() : info.getSecurityOptions();
    String joined = String.join(",", security).toLowerCase(Locale.ROOT);
    String os = String.valueOf(info.getOperatingSystem()).toLowerCase(Locale.ROOT);
    if (joined.contains("rootless")) {
      return CheckResult.fail(name(), "rootless Docker: k3s needs a privileged container, which rootless mode restricts",
          "use rootful Docker for devenv, or run with kubernetes.enabled: false or --engine external");
    }
    if (joined.contains("userns")) {
      return CheckResult.warn(name(), "user namespace remapping is on: privileged containers may be refused",
          "start the k3s container with --userns=host support, or turn userns-remap off in daemon.json");
    }
    if (os.contains("podman") || String.valueOf(info.getName()).toLowerCase(Locale.ROOT).contains("podman")) {
      return CheckResult.warn(name(), "Podman's Docker API: privileged k3s works only with rootful Podman",
          "run Podman rootful (podman machine set --rootful) or use Docker");
    }
    return CheckResult.ok(name(), "allowed (rootful Docker" + (security.isEmpty() ? "" : "; " + String.join(", ", security)) + ")");
  }
}
