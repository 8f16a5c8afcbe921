package io.devenv.plan;

import io.devenv.aws.AwsSteps;
import io.devenv.core.PlannedStep;
import io.devenv.engine.EngineKind;
import io.devenv.engine.EngineSteps;
import io.devenv.expose.ExposeSteps;
import io.devenv.kubernetes.KubernetesSteps;
import io.devenv.profile.Origin;
import io.devenv.profile.Profile;
import io.devenv.seed.SeedSteps;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Assembles the steps each part describes (engine, AWS, seed, Kubernetes, expose) into the ordered
 * steps {@code devenv up} takes; {@code up} runs the same steps and reports progress under their
 * names. Reads the seed files and manifests (so a broken fixture shows here), starts nothing.
 */
public final class Planner {

  private final Map<String, String> environment;
  private final io.devenv.core.CheckCache cache;

  public Planner(Map<String, String> environment) {
    this(environment, io.devenv.core.CheckCache.none());
  }

  /** @param cache where the counts of unchanged seed files and the objects of unchanged manifests are kept */
  public Planner(Map<String, String> environment, io.devenv.core.CheckCache cache) {
    this.environment = Map.copyOf(environment);
    this.cache = cache;
  }

  /** The plan of an {@code up} on the docker engine, with port-forwards. */
  public Plan plan(Profile profile, Path projectDir) {
    return plan(profile, projectDir, EngineKind.DOCKER, true);
  }

  /**
   * @param portForwards whether up starts the profile's port-forwards (not with --detach)
   * @throws io.devenv.core.DevenvException when the engine cannot run the profile, or a seed file
   *     or manifest is broken
   */
  public Plan plan(Profile profile, Path projectDir, EngineKind engine, boolean portForwards) {
    return plan(profile, projectDir, engine, portForwards, null);
  }

  /**
   * @param awsEndpoint the external engine's --aws-endpoint, or null; with it (or aws.endpoint), the
   *     env file carries the AWS variables even when the profile declares no AWS resource
   */
  public Plan plan(Profile profile, Path projectDir, EngineKind engine, boolean portForwards, java.net.URI awsEndpoint) {
    List<PlannedStep> steps = new ArrayList<>(EngineSteps.of(engine, profile, environment));
    steps.addAll(io.devenv.profile.terraform.TerraformSteps.of(profile));
    boolean aws = profile.needsAws();
    boolean kubernetes = profile.kubernetes().enabled();
    boolean forwards = kubernetes && portForwards && !profile.kubernetes().portForwards().isEmpty();
    if (aws) {
      steps.addAll(AwsSteps.of(profile.aws()));
      steps.addAll(SeedSteps.of(profile, cache));
    }
    if (kubernetes) {
      steps.add(ExposeSteps.kubeconfig(projectDir));
      steps.addAll(KubernetesSteps.of(profile, aws, cache));
    }
    if (forwards) {
      steps.add(ExposeSteps.forwards(profile));
    }
    boolean endpoint = engine == EngineKind.EXTERNAL && (awsEndpoint != null || profile.aws().endpoint() != null);
    steps.add(ExposeSteps.envFile(projectDir, aws || endpoint, kubernetes, forwards));
    List<Plan.Step> numbered = new ArrayList<>();
    for (PlannedStep s : steps) {
      numbered.add(new Plan.Step(numbered.size() + 1, s.phase(), s.action(), s.target(), s.details()));
    }
    return new Plan(profile.name(), Origin.display(profile.file()), numbered);
  }
}
