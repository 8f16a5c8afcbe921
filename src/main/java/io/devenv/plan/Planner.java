package io.devenv.plan;

import io.devenv.engine.EmulatorPreset;
import io.devenv.engine.K3sCluster;
import io.devenv.expose.EnvFile;
import io.devenv.expose.KubeconfigFile;
import io.devenv.kubernetes.ManifestDocument;
import io.devenv.kubernetes.ManifestLoader;
import io.devenv.kubernetes.ManifestValues;
import io.devenv.kubernetes.Rollout;
import io.devenv.profile.KubernetesSpec;
import io.devenv.profile.Origin;
import io.devenv.profile.Profile;
import io.devenv.profile.SeedSpec;
import io.devenv.seed.SeedCounts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Turns a profile into the ordered steps {@code devenv up} takes with the docker engine. Reads
 * the seed files and manifests (so a broken fixture shows here), starts nothing.
 */
public final class Planner {

  private final Map<String, String> environment;

  public Planner(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  /**
   * @throws io.devenv.core.DevenvException when the emulator cannot run the profile, or a seed
   *     file or manifest is broken
   */
  public Plan plan(Profile profile, Path projectDir) {
    PlanBuilder plan = new PlanBuilder();
    boolean kubernetes = profile.kubernetes().enabled();
    if (profile.needsAws()) {
      EmulatorPreset.check(profile, environment);
      EmulatorPreset preset = EmulatorPreset.of(profile.aws());
      String image = profile.aws().image() != null ? profile.aws().image() : preset.defaultImage();
      plan.step("engine", "start AWS emulator", preset.name(), List.of(image,
          "port " + preset.port() + " published on 127.0.0.1", "ready when " + preset.healthPath() + " answers",
          "region " + profile.aws().region()));
    }
    if (kubernetes) {
      KubernetesSpec k = profile.kubernetes();
      List<String> details = new ArrayList<>();
      details.add(k.image() != null ? k.image() : K3sCluster.DEFAULT_IMAGE);
      details.add("traefik disabled, API on 127.0.0.1");
      if (!k.images().isEmpty()) {
        details.add("import local images " + String.join(", ", k.images()));
      }
      plan.step("engine", "start Kubernetes", "k3s", details);
    }
    AwsSteps.add(plan, profile.aws());
    seeds(plan, profile);
    if (kubernetes) {
      kubernetes(plan, profile);
    }
    plan.step("expose", "write", Origin.display(EnvFile.path(projectDir)),
        List.of("AWS_ENDPOINT_URL, AWS_REGION, credentials" + (kubernetes ? ", KUBECONFIG" : "")
            + (profile.kubernetes().portForwards().isEmpty() || !kubernetes ? "" : ", forwarded ports")));
    if (kubernetes) {
      plan.step("expose", "write", Origin.display(KubeconfigFile.path(projectDir)), List.of("mode 0600"));
    }
    return new Plan(profile.name(), Origin.display(profile.file()), plan.steps());
  }

  private static void seeds(PlanBuilder plan, Profile profile) {
    SeedSpec seed = profile.seed();
    SeedCounts counts = SeedCounts.of(seed);
    for (SeedCounts.Target t : counts.targets()) {
      String unit = switch (t.kind()) {
        case "bucket" -> "objects";
        case "table" -> "items";
        default -> "messages";
      };
      plan.step("seed", "seed " + kindName(t.kind()), t.name(),
          List.of(t.count() + " " + unit + " (" + bytes(t.bytes()) + ") from " + source(seed, t)));
    }
  }

  private static String kindName(String kind) {
    return switch (kind) {
      case "bucket" -> "S3 bucket";
      case "table" -> "DynamoDB table";
      default -> "SQS queue";
    };
  }

  private static String source(SeedSpec seed, SeedCounts.Target t) {
    return switch (t.kind()) {
      case "bucket" -> seed.buckets().stream().filter(b -> b.bucket().equals(t.name())).findFirst()
          .map(b -> Origin.display(b.from()) + (b.prefix().isEmpty() ? "" : " under " + b.prefix())).orElse("");
      case "table" -> seed.tables().stream().filter(s -> s.table().equals(t.name())).findFirst()
          .map(s -> Origin.display(s.from())).orElse("");
      default -> seed.queues().stream().filter(s -> s.queue().equals(t.name())).findFirst()
          .map(s -> Origin.display(s.from())).orElse("");
    };
  }

  private static void kubernetes(PlanBuilder plan, Profile profile) {
    KubernetesSpec k = profile.kubernetes();
    List<ManifestDocument> documents = new ManifestLoader().load(k.manifests(), ManifestValues.of(profile, null, k.namespace()), k::isVerbatim);
    if (profile.needsAws()) {
      plan.step("kubernetes", "wire to AWS", "namespace " + k.namespace(),
          List.of("Service aws → the emulator on the Docker network", "ConfigMap devenv-aws (AWS_ENDPOINT_URL "
              + ManifestValues.inClusterEndpoint(k.namespace(), ManifestValues.DEFAULT_AWS_PORT) + ", region, credentials)"));
    }
    for (SeedSpec.ConfigMapSeed c : profile.seed().configMaps()) {
      plan.step("kubernetes", "create ConfigMap", c.namespace() + "/" + c.name(),
          List.of(keys(c.from()) + " keys from " + Origin.display(c.from())));
    }
    Map<Path, List<String>> byFile = new LinkedHashMap<>();
    List<String> waited = new ArrayList<>();
    for (ManifestDocument d : documents) {
      String name = d.kind() + " " + (d.namespace() == null ? "" : d.namespace() + "/") + d.name();
      byFile.computeIfAbsent(d.file(), f -> new ArrayList<>()).add(name);
      if (Rollout.waitedFor(d.ref())) {
        waited.add(name);
      }
    }
    byFile.forEach((file, objects) -> plan.step("kubernetes", "apply", Origin.display(file), objects));
    if (!waited.isEmpty()) {
      List<String> details = new ArrayList<>(waited);
      details.add("at most " + io.devenv.core.Progress.seconds(k.waitTimeout()));
      plan.step("kubernetes", "wait until ready", waited.size() + " workloads", details);
    }
    for (KubernetesSpec.PortForward f : k.portForwards()) {
      plan.step("expose", "port-forward", "Service " + f.namespace() + "/" + f.service() + ":" + f.port(),
          List.of(f.localPort() == 0 ? "127.0.0.1, a free port" : "127.0.0.1:" + f.localPort()));
    }
  }

  private static long keys(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(Files::isRegularFile).count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String bytes(long n) {
    if (n < 1024) {
      return n + " B";
    }
    if (n < 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f KiB", n / 1024.0);
    }
    return String.format(Locale.ROOT, "%.1f MiB", n / (1024.0 * 1024));
  }
}
