package io.devenv.kubernetes;

import io.devenv.core.PlannedStep;
import io.devenv.profile.KubernetesSpec;
import io.devenv.profile.Origin;
import io.devenv.profile.Profile;
import io.devenv.profile.SeedSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

/**
 * The Kubernetes steps of {@code up}, in the order {@link KubernetesDeployer} takes them: the plan
 * lists them from the manifests, the deployer reports progress under the same names.
 */
public final class KubernetesSteps {

  private KubernetesSteps() {}

  /**
   * Loads the manifests (so a broken one shows here) and lists the deploy's steps.
   *
   * @param awsWired whether the profile's namespaces are wired to an AWS emulator
   */
  public static List<PlannedStep> of(Profile profile, boolean awsWired) {
    return of(profile, awsWired, io.devenv.core.CheckCache.none());
  }

  /** As {@link #of(Profile, boolean)}; unchanged manifests are not loaded again but taken from the cache. */
  public static List<PlannedStep> of(Profile profile, boolean awsWired, io.devenv.core.CheckCache cache) {
    KubernetesSpec k = profile.kubernetes();
    if (k == null || !k.enabled()) {
      return List.of();
    }
    List<ObjectRef> ordered = OfflineManifests.of(profile, cache).orderedOrThrow();
    List<String> namespaces = List.copyOf(KubernetesDeployer.namespaces(profile, ordered.stream().map(ObjectRef::namespace).toList()));
    List<PlannedStep> steps = new ArrayList<>();
    steps.add(load(sources(k), List.of(ordered.size() + " objects")));
    steps.add(namespaces(namespaces, List.of("created when missing, labelled as devenv's")));
    if (awsWired) {
      steps.add(wiring(namespaces, List.of("Service aws → the emulator on the engine's network",
          "ConfigMap devenv-aws (AWS_ENDPOINT_URL " + ManifestValues.inClusterEndpoint(k.namespace(),
              ManifestValues.DEFAULT_AWS_PORT) + ", region, credentials)")));
    }
    List<String> crds = ordered.stream().filter(d -> ApiKinds.isCrd(d.apiVersion(), d.kind())).map(ObjectRef::toString).toList();
    if (!crds.isEmpty()) {
      steps.add(crds(crds.size(), crds));
    }
    List<String> configMaps = new ArrayList<>();
    for (SeedSpec.ConfigMapSeed c : profile.seed().configMaps()) {
      configMaps.add(c.namespace() + "/" + c.name() + ": " + keys(c.from()) + " keys from " + Origin.display(c.from()));
    }
    if (!configMaps.isEmpty()) {
      steps.add(configMaps(configMaps.size(), configMaps));
    }
    List<String> objects = ordered.stream()
        .filter(d -> !isNamespace(d) && !ApiKinds.isCrd(d.apiVersion(), d.kind())).map(ObjectRef::toString).toList();
    steps.add(apply(objects.size(), objects));
    steps.add(prune(List.of("objects an earlier up applied that the manifests no longer hold, by devenv's inventory")));
    List<String> waited = new ArrayList<>(ordered.stream()
        .filter(d -> Rollout.waitedFor(d) && d.namespace() != null).map(ObjectRef::toString).toList());
    if (!waited.isEmpty()) {
      int count = waited.size();
      waited.add("at most " + io.devenv.core.Progress.seconds(k.waitTimeout()));
      steps.add(waitReady(count, waited));
    }
    return steps;
  }

  /** What objects are loaded from: the manifest paths, then each Helm chart's directory. */
  static List<Path> sources(io.devenv.profile.KubernetesSpec k) {
    List<Path> out = new ArrayList<>(k.manifests());
    k.charts().forEach(c -> out.add(c.path()));
    return out;
  }

  static PlannedStep load(Collection<Path> manifests, List<String> details) {
    return step("load manifests", String.join(", ", manifests.stream().map(Origin::display).toList()), details);
  }

  static PlannedStep namespaces(Collection<String> namespaces, List<String> details) {
    return step("create namespaces", String.join(", ", namespaces), details);
  }

  static PlannedStep wiring(Collection<String> namespaces, List<String> details) {
    return step("wire to AWS", String.join(", ", namespaces), details);
  }

  static PlannedStep crds(int count, List<String> details) {
    return step("apply CRDs, wait until Established:", count + " CRD" + (count == 1 ? "" : "s"), details);
  }

  static PlannedStep configMaps(int count, List<String> details) {
    return step("create ConfigMaps from seed:", count + " ConfigMap" + (count == 1 ? "" : "s"), details);
  }

  static PlannedStep apply(int count, List<String> details) {
    return step("apply", count + " object" + (count == 1 ? "" : "s"), details);
  }

  static PlannedStep prune(List<String> details) {
    return step("prune", "what the manifests no longer hold", details);
  }

  static PlannedStep waitReady(int count, List<String> details) {
    return step("wait until ready:", count + " workload" + (count == 1 ? "" : "s"), details);
  }

  private static PlannedStep step(String action, String target, List<String> details) {
    return new PlannedStep("kubernetes", action, target, details);
  }

  static boolean isNamespace(ManifestDocument d) {
    return isNamespace(d.ref());
  }

  static boolean isNamespace(ObjectRef d) {
    return "Namespace".equals(d.kind()) && "v1".equals(d.apiVersion());
  }

  private static long keys(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(Files::isRegularFile).count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
