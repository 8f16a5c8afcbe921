package io.devenv.engine;

import io.devenv.core.PlannedStep;
import io.devenv.profile.KubernetesSpec;
import io.devenv.profile.Profile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The engine's steps of {@code up}: what the plan shows and what the engine reports as it starts. */
public final class EngineSteps {

  private EngineSteps() {}

  /**
   * @throws io.devenv.core.DevenvException when the Docker engine's emulator cannot run the profile
   */
  public static List<PlannedStep> of(EngineKind kind, Profile profile, Map<String, String> environment) {
    // The external engine starts nothing: it has no steps of its own.
    if (kind != EngineKind.DOCKER) {
      return List.of();
    }
    List<PlannedStep> steps = new ArrayList<>();
    if (profile.needsAws()) {
      EmulatorPreset.check(profile, environment);
      EmulatorPreset preset = EmulatorPreset.of(profile.aws());
      String image = profile.aws().image() != null ? profile.aws().image() : preset.defaultImage();
      steps.add(emulator(preset, List.of(image, "port " + preset.port() + " published on 127.0.0.1",
          "ready when " + preset.healthPath() + " answers", "region " + profile.aws().region())));
    }
    if (profile.kubernetes().enabled()) {
      KubernetesSpec k = profile.kubernetes();
      List<String> details = new ArrayList<>(List.of(k.image() != null ? k.image() : K3sCluster.DEFAULT_IMAGE,
          "traefik disabled, API on 127.0.0.1"));
      if (profile.needsAws()) {
        details.add("starts with the emulator: the AWS steps run while it boots, the Kubernetes steps after it");
      }
      steps.add(k3s(details));
      if (!k.images().isEmpty()) {
        steps.add(images(List.of(String.join(", ", k.images()))));
      }
    }
    return steps;
  }

  static PlannedStep emulator(EmulatorPreset preset, List<String> details) {
    return new PlannedStep("engine", "AWS emulator", preset.name(), details);
  }

  static PlannedStep k3s(List<String> details) {
    return new PlannedStep("engine", "k3s", "cluster", details);
  }

  static PlannedStep images(List<String> details) {
    return new PlannedStep("engine", "import local images", "into k3s", details);
  }
}
