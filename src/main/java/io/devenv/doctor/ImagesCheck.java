package io.devenv.doctor;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import io.devenv.engine.EmulatorPreset;
import io.devenv.engine.K3sCluster;
import java.util.ArrayList;
import java.util.List;

/**
 * The images {@code up} will run: present locally, or pulled on first up (which needs registry
 * access). Images the profile imports into k3s must be local: nobody can pull a developer's build.
 */
final class ImagesCheck implements Check {
  @Override
  public String name() {
    return "images";
  }

  @Override
  public CheckResult run(DoctorContext context) {
    if (context.docker().isEmpty()) {
      return CheckResult.skipped(name(), "not checked (Docker not reachable)");
    }
    DockerClient docker = context.docker().get();
    List<String> present = new ArrayList<>();
    List<String> toPull = new ArrayList<>();
    List<String> missingBuilds = new ArrayList<>();
    if (context.wantsAws()) {
      String image = context.profile().map(p -> p.aws().image()).orElse(null);
      if (image == null) {
        image = context.profile().map(p -> EmulatorPreset.of(p.aws()).defaultImage()).orElse(EmulatorPreset.LOCALSTACK.defaultImage());
      }
      (present(docker, image) ? present : toPull).add(image);
    }
    if (context.wantsKubernetes()) {
      String k3s = context.profile().map(p -> p.kubernetes().image()).orElse(null);
      k3s = k3s == null ? K3sCluster.DEFAULT_IMAGE : k3s;
      (present(docker, k3s) ? present : toPull).add(k3s);
      context.profile().ifPresent(p -> p.kubernetes().images().forEach(i -> (present(docker, i) ? present : missingBuilds).add(i)));
    }
    if (!missingBuilds.isEmpty()) {
      return CheckResult.fail(name(), "kubernetes.images not in the local Docker daemon: " + String.join(", ", missingBuilds),
          "build them first, e.g. docker build -t " + missingBuilds.get(0) + " .");
    }
    if (!toPull.isEmpty()) {
      return CheckResult.warn(name(), String.join(", ", toPull) + " not present; will be pulled on first up (needs registry access)"
          + (present.isEmpty() ? "" : "; present: " + String.join(", ", present)),
          "docker pull " + toPull.get(0) + " now, while the network is good");
    }
    return CheckResult.ok(name(), "present: " + (present.isEmpty() ? "none needed" : String.join(", ", present)));
  }

  private static boolean present(DockerClient docker, String image) {
    try {
      docker.inspectImageCmd(image).exec();
      return true;
    } catch (NotFoundException e) {
      return false;
    }
  }
}
