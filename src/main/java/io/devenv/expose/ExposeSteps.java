package io.devenv.expose;

import io.devenv.core.PlannedStep;
import io.devenv.profile.KubernetesSpec;
import io.devenv.profile.Origin;
import io.devenv.profile.Profile;
import java.nio.file.Path;
import java.util.List;

/** The steps of {@code up} that make the environment reachable: files written and ports forwarded. */
public final class ExposeSteps {

  private ExposeSteps() {}

  /** The kubeconfig, written before the deploy so that failure reports can name it. */
  public static PlannedStep kubeconfig(Path projectDir) {
    return new PlannedStep("kubernetes", "write", Origin.display(KubeconfigFile.path(projectDir)), List.of("mode 0600"));
  }

  /** The profile's port-forwards, started together (all or none). */
  public static PlannedStep forwards(Profile profile) {
    KubernetesSpec k = profile.kubernetes();
    List<String> services = k.portForwards().stream()
        .map(f -> "Service " + namespace(profile, f) + "/" + f.service() + ":" + f.port()).toList();
    List<String> details = k.portForwards().stream()
        .map(f -> f.service() + " → " + (f.localPort() == 0 ? "127.0.0.1, a free port" : "127.0.0.1:" + f.localPort())).toList();
    return new PlannedStep("expose", "port-forward", String.join(", ", services), details);
  }

  /** The env file, written last. */
  public static PlannedStep envFile(Path projectDir, boolean aws, boolean kubernetes, boolean forwards) {
    String what = (aws ? "AWS_ENDPOINT_URL, AWS_REGION, credentials" : "")
        + (kubernetes ? (aws ? ", " : "") + "KUBECONFIG" : "") + (forwards ? ", forwarded ports" : "");
    return new PlannedStep("expose", "write", Origin.display(EnvFile.path(projectDir)), what.isEmpty() ? List.of() : List.of(what));
  }

  private static String namespace(Profile profile, KubernetesSpec.PortForward f) {
    return f.namespace() == null || f.namespace().isBlank() ? profile.kubernetes().namespace() : f.namespace();
  }
}
