package io.devenv.kubernetes;

import io.devenv.core.Check;
import io.devenv.core.DevenvException;
import io.devenv.core.Progress;
import io.devenv.environment.AwsAccess;
import io.devenv.profile.KubernetesSpec;
import io.devenv.profile.Profile;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Deploys what a profile declares to a cluster, the way a careful engineer would by hand:
 * namespaces, then the wiring to the AWS emulator ({@link AwsWiring}), then
 * CustomResourceDefinitions (waiting until Established), ConfigMap seeds, every other object
 * ({@link ApplyOrder}), pruning what an earlier deploy applied and the manifests no longer hold,
 * and waiting until workloads are ready ({@link ReadinessWaiter}).
 *
 * <p>It takes a client and knows nothing of how the cluster was started. Deploying twice changes
 * nothing the second time.
 */
public final class KubernetesDeployer {

  /** The profile's default waitTimeout, for profiles built in code without one. */
  static final Duration DEFAULT_WAIT = Duration.ofSeconds(180);

  private final KubernetesClient client;
  private final Progress progress;
  private final Applier applier;
  private final ManifestLoader loader = new ManifestLoader();
  private String kubectl = "kubectl";
  private boolean verify;
  private boolean reseed;

  public KubernetesDeployer(KubernetesClient client, Progress progress) {
    this.client = client;
    this.progress = progress;
    this.applier = new Applier(client, progress);
  }

  /**
   * How failure reports tell the user to run kubectl, e.g.
   * {@code kubectl --kubeconfig .devenv/kubeconfig}; plain {@code kubectl} by default.
   */
  public KubernetesDeployer withKubectl(String command) {
    this.kubectl = command;
    return this;
  }

  /** Applies and waits for everything even when the applied-set stamp says nothing changed. */
  public KubernetesDeployer withVerify(boolean always) {
    this.verify = always;
    return this;
  }

  /**
   * Applies the ConfigMap seeds even over ConfigMaps a checkpoint restored ({@code up --reset});
   * without it those are kept as restored.
   */
  public KubernetesDeployer withReseed(boolean reseed) {
    this.reseed = reseed;
    return this;
  }

  /**
   * @param aws the emulator, as the engine started it; null when the profile needs no AWS (no
   *     {@code aws} Service nor {@code devenv-aws} ConfigMap is made then)
   * @throws DevenvException exit 2 for a problem in the manifests or seeds, exit 1 for a failure
   *     of the cluster; {@link ReadinessException} when objects do not become ready
   */
  public DeployReport deploy(Profile profile, AwsAccess aws) {
    KubernetesSpec spec = profile.kubernetes();
    if (spec == null || !spec.enabled()) {
      return DeployReport.disabled();
    }
    long start = System.nanoTime();
    String namespace = spec.namespace();
    String label = Applier.labelValue(profile.name());
    List<Path> manifests = Optional.ofNullable(spec.manifests()).orElse(List.of());
    Duration waitTimeout = Optional.ofNullable(spec.waitTimeout()).orElse(DEFAULT_WAIT);

    Progress.Step loading = progress.start(KubernetesSteps.load(KubernetesSteps.sources(spec), List.of()).name());
    List<ManifestDocument> documents;
    try {
      documents = resolveScopes(loader.load(manifests, spec.charts(), ManifestValues.of(profile, aws, namespace), spec::isVerbatim));
      ManifestChecks.check(profile, documents);
    } catch (RuntimeException e) {
      loading.failed(e.getMessage());
      throw e;
    }
    loading.done(documents.size() + " objects from " + manifests.size() + (manifests.size() == 1 ? " path" : " paths")
        + (spec.charts().isEmpty() ? "" : " and " + spec.charts().size() + (spec.charts().size() == 1 ? " chart" : " charts")));

    List<GenericKubernetesResource> seeds = ConfigMapSeeds.configMaps(
        profile.seed() == null || profile.seed().configMaps() == null ? List.of() : profile.seed().configMaps(), namespace);
    checkSeedsAgainstManifests(seeds, documents);
    Set<String> namespaces = namespaces(profile, documents);
    AppliedSetStamp stamp = new AppliedSetStamp(client, namespace, label,
        AppliedSetStamp.hash(client, documents, seeds, namespaces, aws, label, io.devenv.core.DevenvBuild.id()));
    Optional<AppliedSetStamp.Match> unchanged = verify ? Optional.empty() : stamp.check();
    if (unchanged.isPresent()) {
      progress.start("Kubernetes").done(unchanged.get().describe());
      return DeployReport.unchanged(unchanged.get().objects(), List.copyOf(namespaces),
          Check.passed("kubernetes", "Kubernetes: " + unchanged.get().describe(), Duration.ZERO),
          Duration.ofNanos(System.nanoTime() - start));
    }
    List<ManifestDocument> ordered = ApplyOrder.sort(documents);

    List<DeployReport.Applied> applied = new ArrayList<>();
    List<Check> readiness = new ArrayList<>();
    step(KubernetesSteps.namespaces(namespaces, List.of()), applied, () -> {
      Set<String> declared = new TreeSet<>();
      for (ManifestDocument d : documents) {
        if (KubernetesSteps.isNamespace(d)) {
          applied.add(apply(d.object(), d.location(), label));
          declared.add(d.name());
        }
      }
      for (String ns : namespaces) {
        if (!declared.contains(ns)) {
          applied.add(ensureNamespace(ns, label));
        }
      }
    });
    if (aws != null) {
      step(KubernetesSteps.wiring(namespaces, List.of()), applied, () -> {
        AwsWiring.Target target = AwsWiring.target(aws, progress);
        for (String ns : namespaces) {
          for (GenericKubernetesResource o : AwsWiring.objects(ns, aws, target)) {
            applied.add(apply(o, "devenv's AWS wiring", label));
          }
        }
      });
    }
    List<ManifestDocument> crdDocuments = ordered.stream().filter(d -> ApiKinds.isCrd(d.apiVersion(), d.kind())).toList();
    if (!crdDocuments.isEmpty()) {
      step(KubernetesSteps.crds(crdDocuments.size(), List.of()), applied, () -> {
        List<ObjectRef> crds = new ArrayList<>();
        for (ManifestDocument d : crdDocuments) {
          applied.add(apply(d.object(), d.location(), label));
          crds.add(d.ref());
        }
        readiness.addAll(new ReadinessWaiter(client, progress, kubectl).await(crds, waitTimeout));
      });
    }
    if (!seeds.isEmpty()) {
      step(KubernetesSteps.configMaps(seeds.size(), List.of()), applied, () -> {
        for (GenericKubernetesResource seed : seeds) {
          String restored = reseed ? null : restoredFrom(seed);
          if (restored != null) {
            progress.info("  ConfigMap " + seed.getMetadata().getNamespace() + "/" + seed.getMetadata().getName()
                + " kept as restored from checkpoint " + restored + " (up --reset applies the seed directory)");
            applied.add(new DeployReport.Applied(ObjectRef.of(seed), ApplyOutcome.UNCHANGED));
          } else {
            applied.add(apply(seed, "seed.configMaps " + seed.getMetadata().getName(), label));
          }
        }
      });
    }
    List<ManifestDocument> objects = ordered.stream()
        .filter(d -> !KubernetesSteps.isNamespace(d) && !ApiKinds.isCrd(d.apiVersion(), d.kind())).toList();
    step(KubernetesSteps.apply(objects.size(), List.of()), applied, () -> {
      for (ManifestDocument d : objects) {
        applied.add(apply(d.object(), d.location(), label));
      }
    });
    List<ObjectRef> pruned = new ArrayList<>();
    Progress.Step pruning = progress.start(KubernetesSteps.prune(List.of()).name());
    try {
      pruned.addAll(prune(namespace, label, applied, namespaces));
    } catch (RuntimeException e) {
      pruning.failed(e.getMessage());
      throw e;
    }
    pruning.done(pruned.size() + " pruned");

    List<ObjectRef> workloads = documents.stream()
        .map(ManifestDocument::ref)
        .filter(r -> Rollout.waitedFor(r) && r.namespace() != null)
        .toList();
    if (!workloads.isEmpty()) {
      Progress.Step waiting = progress.start(KubernetesSteps.waitReady(workloads.size(), List.of()).name());
      try {
        readiness.addAll(new ReadinessWaiter(client, progress, kubectl).await(workloads, waitTimeout));
        waiting.done(workloads.size() + " ready");
      } catch (ReadinessException e) {
        waiting.failed(e.getMessage());
        List<Check> all = new ArrayList<>(readiness);
        all.addAll(e.checks());
        throw new ReadinessException(e.getMessage(), e.report(), all);
      }
    }
    stamp.record(applied.stream().map(DeployReport.Applied::ref).toList());
    return new DeployReport(applied, pruned, List.copyOf(namespaces), applier.usesServerSideApply(), List.copyOf(readiness),
        Duration.ofNanos(System.nanoTime() - start));
  }

  /** Runs one step under its plan name; its outcome counts what it applied ("2 created, 0 configured, 1 unchanged"). */
  private void step(io.devenv.core.PlannedStep planned, List<DeployReport.Applied> applied, Runnable work) {
    Progress.Step step = progress.start(planned.name());
    int before = applied.size();
    try {
      work.run();
    } catch (RuntimeException e) {
      step.failed(e.getMessage());
      throw e;
    }
    List<DeployReport.Applied> mine = applied.subList(before, applied.size());
    step.done(count(mine, ApplyOutcome.CREATED) + " created, " + count(mine, ApplyOutcome.CONFIGURED) + " configured, "
        + count(mine, ApplyOutcome.UNCHANGED) + " unchanged");
  }

  private static long count(List<DeployReport.Applied> applied, ApplyOutcome outcome) {
    return applied.stream().filter(a -> a.outcome() == outcome).count();
  }

  /** A ConfigMap both seeded and in a manifest would be written twice, each time differently. */
  private static void checkSeedsAgainstManifests(List<GenericKubernetesResource> seeds, List<ManifestDocument> documents) {
    List<String> problems = new ArrayList<>();
    for (GenericKubernetesResource seed : seeds) {
      ObjectRef ref = ObjectRef.of(seed);
      documents.stream().filter(d -> ManifestLoader.key(d.ref()).equals(ManifestLoader.key(ref))).findFirst().ifPresent(d ->
          problems.add(d.location() + ": " + ref + " is also made by seed.configMaps " + ref.name() + "; keep one of them"));
    }
    if (!problems.isEmpty()) {
      throw ManifestLoader.problems(problems);
    }
  }

  /** The checkpoint a seeded ConfigMap was restored from, or null when it was not (or is not there). */
  private String restoredFrom(GenericKubernetesResource seed) {
    try {
      var live = client.configMaps().inNamespace(seed.getMetadata().getNamespace()).withName(seed.getMetadata().getName()).get();
      return live == null ? null : SeededConfigMaps.annotation(live);
    } catch (KubernetesClientException e) {
      throw Applier.failure("read", ObjectRef.of(seed), "seed.configMaps", e);
    }
  }

  private DeployReport.Applied apply(GenericKubernetesResource object, String origin, String label) {
    return new DeployReport.Applied(ObjectRef.of(object), applier.apply(object, origin, label));
  }

  /** A namespace no manifest declares: created, labelled, when missing; left as it is otherwise. */
  private DeployReport.Applied ensureNamespace(String name, String label) {
    ObjectRef ref = new ObjectRef("v1", "Namespace", null, name);
    try {
      if (client.namespaces().withName(name).get() != null) {
        return new DeployReport.Applied(ref, ApplyOutcome.UNCHANGED);
      }
    } catch (KubernetesClientException e) {
      throw Applier.failure("read", ref, "kubernetes.namespace", e);
    }
    var namespace = new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build();
    return apply(client.getKubernetesSerialization().convertValue(namespace, GenericKubernetesResource.class), "kubernetes.namespace", label);
  }

  private List<ObjectRef> prune(String namespace, String label, List<DeployReport.Applied> applied, Set<String> namespaces) {
    Inventory inventory = new Inventory(client, namespace, label);
    Set<ObjectRef> previous = inventory.read();
    List<ObjectRef> current = new ArrayList<>();
    for (DeployReport.Applied a : applied) {
      // Namespaces devenv made on its own are not the manifests' to prune.
      boolean implicit = a.ref().kind().equals("Namespace") && namespaces.contains(a.ref().name());
      if (!implicit) {
        current.add(a.ref());
      }
    }
    applier.apply(inventory.toObject(current), "devenv's inventory", label);
    List<ObjectRef> candidates = Inventory.candidates(client, label, previous, current, inventory.ref());
    candidates.removeIf(r -> r.kind().equals("Namespace") && namespaces.contains(r.name()));
    List<ObjectRef> pruned = new ArrayList<>();
    for (ObjectRef ref : ApplyOrder.forDeletion(candidates)) {
      if (ownedBy(ref, label) && applier.delete(ref)) {
        pruned.add(ref);
      }
    }
    return pruned;
  }

  /** Whether the live object carries devenv's labels for this profile: nothing else is pruned. */
  private boolean ownedBy(ObjectRef ref, String label) {
    try {
      var resource = client.genericKubernetesResources(ref.apiVersion(), ref.kind());
      GenericKubernetesResource live = ref.namespace() == null
          ? resource.withName(ref.name()).get()
          : resource.inNamespace(ref.namespace()).withName(ref.name()).get();
      if (live == null || live.getMetadata().getLabels() == null) {
        return false;
      }
      Map<String, String> labels = live.getMetadata().getLabels();
      return Applier.FIELD_MANAGER.equals(labels.get(Applier.MANAGED_BY)) && label.equals(labels.get(Applier.PROFILE_LABEL))
          && writtenByDevenv(live);
    } catch (KubernetesClientException e) {
      return false; // its kind is gone, and with it the object
    }
  }

  /**
   * Whether devenv wrote the object, as its field managers say: a controller may copy devenv's
   * labels onto objects of its own (the endpoints controller gives Endpoints the Service's labels).
   * A server that records no field managers (the fabric8 mock) leaves the labels as the only sign.
   */
  static boolean writtenByDevenv(GenericKubernetesResource live) {
    var managers = live.getMetadata().getManagedFields();
    return managers == null || managers.isEmpty()
        || managers.stream().anyMatch(m -> Applier.FIELD_MANAGER.equals(m.getManager()));
  }

  /**
   * The namespaces a deploy goes to, each wired to the AWS emulator: the profile's
   * {@code kubernetes.namespace}, then every other one an object or a ConfigMap seed names.
   */
  public static Set<String> namespaces(Profile profile, List<ManifestDocument> documents) {
    return namespaces(profile, documents.stream().map(ManifestDocument::namespace).toList());
  }

  /** As {@link #namespaces(Profile, List)}, from the objects' namespaces (null for cluster-scoped ones). */
  static Set<String> namespaces(Profile profile, java.util.Collection<String> objectNamespaces) {
    String namespace = profile.kubernetes().namespace();
    Set<String> namespaces = new LinkedHashSet<>();
    namespaces.add(namespace);
    objectNamespaces.stream().filter(n -> n != null).forEach(namespaces::add);
    if (profile.seed() != null && profile.seed().configMaps() != null) {
      profile.seed().configMaps().forEach(s -> namespaces.add(s.namespace() == null || s.namespace().isBlank() ? namespace : s.namespace()));
    }
    return namespaces;
  }

  /**
   * Asks the cluster about kinds neither the manifests' CRDs nor fabric8 know, drops the
   * namespace of those that turn out cluster-scoped, and reports the ones nobody knows.
   */
  private List<ManifestDocument> resolveScopes(List<ManifestDocument> documents) {
    List<GenericKubernetesResource> crds = documents.stream()
        .filter(d -> ApiKinds.isCrd(d.apiVersion(), d.kind())).map(ManifestDocument::object).toList();
    ApiKinds kinds = new ApiKinds(crds, client);
    List<String> problems = new ArrayList<>();
    List<ManifestDocument> resolved = new ArrayList<>();
    for (ManifestDocument d : documents) {
      Optional<Boolean> namespaced = kinds.namespaced(d.apiVersion(), d.kind());
      if (namespaced.isEmpty()) {
        problems.add(d.location() + ": the cluster does not know kind " + d.kind() + " of " + d.apiVersion()
            + ", and no CustomResourceDefinition in the manifests defines it");
      } else if (!namespaced.get() && d.namespace() != null) {
        d.object().getMetadata().setNamespace(null);
        resolved.add(new ManifestDocument(d.file(), d.document(), d.item(), d.line(), d.apiVersion(), d.kind(), null, d.name(), d.object()));
      } else {
        resolved.add(d);
      }
    }
    if (!problems.isEmpty()) {
      throw ManifestLoader.problems(problems);
    }
    return resolved;
  }
}
