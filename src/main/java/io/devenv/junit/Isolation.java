package io.devenv.junit;

import io.devenv.profile.AwsSpec;
import io.devenv.profile.KubernetesSpec;
import io.devenv.profile.Profile;
import io.devenv.profile.SeedSpec;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/** Profiles derived from a test's profile for one class's isolation. */
final class Isolation {

  private Isolation() {}

  /** The profile with only the named seed targets, and no secrets or parameters to put back. */
  static Profile onlySeeds(Profile p, String[] names) {
    Set<String> wanted = Set.of(names);
    SeedSpec seed = p.seed();
    SeedSpec filtered = new SeedSpec(
        seed.buckets().stream().filter(b -> wanted.contains(b.bucket())).toList(),
        seed.tables().stream().filter(t -> wanted.contains(t.table())).toList(),
        seed.queues().stream().filter(q -> wanted.contains(q.queue())).toList(),
        List.of());
    Set<String> seeded = new HashSet<>();
    filtered.buckets().forEach(b -> seeded.add(b.bucket()));
    filtered.tables().forEach(t -> seeded.add(t.table()));
    filtered.queues().forEach(q -> seeded.add(q.queue()));
    for (String name : names) {
      if (!seeded.contains(name)) {
        throw new ExtensionConfigurationException("@DevEnv(reseed) names '" + name + "', which has no seed in profile "
            + p.name() + "; name a seeded bucket, table or queue");
      }
    }
    AwsSpec a = p.aws();
    AwsSpec aws = new AwsSpec(a.origin(), a.emulator(), a.image(), a.region(), a.endpoint(), a.port(), a.healthPath(),
        a.buckets(), a.queues(), a.topics(), a.tables(), a.streams(), List.of(), List.of(), a.terraform());
    return new Profile(p.origin(), p.name(), p.description(), p.extendsFiles(), p.variables(), aws, p.kubernetes(), filtered);
  }

  /**
   * The profile deployed into {@code namespace} under the namespace's name as profile name, so its
   * objects, labels and prunes stay apart from the shared deployment.
   */
  static Profile inNamespace(Profile p, String namespace) {
    KubernetesSpec k = p.kubernetes();
    KubernetesSpec moved = new KubernetesSpec(k.origin(), k.enabled(), k.image(), namespace, k.manifests(),
        k.charts().stream().map(c -> new io.devenv.profile.ChartSpec(c.origin(), c.path(), c.release(), namespace, c.values(),
            c.set())).toList(),
        k.images(),
        List.of(), k.waitTimeout(), k.verbatim(), k.awsEndpointForPods());
    SeedSpec seed = p.seed();
    List<SeedSpec.ConfigMapSeed> configMaps = seed.configMaps().stream()
        .map(c -> new SeedSpec.ConfigMapSeed(c.origin(), c.name(), namespace, c.from())).toList();
    return new Profile(p.origin(), namespace, p.description(), p.extendsFiles(), p.variables(), p.aws(), moved,
        new SeedSpec(seed.buckets(), seed.tables(), seed.queues(), configMaps));
  }
}
