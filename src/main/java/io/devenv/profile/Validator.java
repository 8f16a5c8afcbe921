package io.devenv.profile;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The rules of PROFILE.md that need the whole bound profile: the {@code aws} section (see
 * {@link AwsValidator}), the {@code kubernetes} section, and seeds, which must name resources the
 * profile declares. Runs after {@code extends} is merged, so a reference may cross files.
 */
final class Validator {

  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
  private static final Pattern DNS_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");
  private static final Pattern LABEL_VALUE = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");

  private final Checks checks;

  Validator(List<Problem> problems, Locations locations) {
    this.checks = new Checks(problems, locations);
  }

  /** Checks the profile as bound, before defaults that depend on other keys are filled in. */
  void validate(Profile profile) {
    new AwsValidator(checks).validate(profile.aws());
    kubernetes(profile.kubernetes());
    seeds(profile);
  }

  /**
   * The profile's name labels its containers and Kubernetes objects, so it must be a label value.
   *
   * @param fromFile whether the name was taken from the file name (no {@code name:} key)
   */
  void name(String name, Origin at, boolean fromFile) {
    if (!LABEL_VALUE.matcher(name).matches()) {
      String source = fromFile ? " (taken from the file name; set 'name:' to choose another)" : "";
      checks.add(at, "profile name '" + name + "' is invalid" + source + ": it labels containers and Kubernetes"
          + " objects, so use at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit");
    }
  }

  private void kubernetes(KubernetesSpec k) {
    namespace(k, "kubernetes.namespace", k.namespace());
    Map<Integer, KubernetesSpec.PortForward> localPorts = new HashMap<>();
    for (KubernetesSpec.PortForward f : k.portForwards()) {
      String to = "the forward to '" + f.service() + "'";
      namespace(f, "namespace of " + to, f.namespace());
      checks.range(f, "port", "port of " + to, f.port(), 1, 65_535);
      checks.range(f, "localPort", "localPort of " + to, f.localPort(), 0, 65_535);
      if (f.localPort() != null && f.localPort() > 0) {
        KubernetesSpec.PortForward earlier = localPorts.putIfAbsent(f.localPort(), f);
        if (earlier != null) {
          Origin at = checks.at(f, "localPort");
          checks.add(at, "localPort " + f.localPort() + " of " + to + " is already used by the forward to '"
              + earlier.service() + "' (" + Checks.where(checks.at(earlier, "localPort"), at)
              + "); pick another, or 0 for a free one");
        }
      }
    }
    if (k.waitTimeout() != null && (k.waitTimeout().isZero() || k.waitTimeout().isNegative())) {
      checks.add(checks.at(k, "waitTimeout"), "kubernetes.waitTimeout must be longer than 0s");
    }
  }

  private void namespace(Object record, String what, String namespace) {
    if (namespace != null && !DNS_LABEL.matcher(namespace).matches()) {
      checks.add(checks.at(record, "namespace"), what + " '" + namespace + "' is not a valid Kubernetes namespace:"
          + " use at most 63 lowercase letters, digits and '-', starting and ending with a letter or digit");
    }
  }

  private void seeds(Profile profile) {
    AwsSpec aws = profile.aws();
    SeedSpec seed = profile.seed();
    Set<String> buckets = names(aws.buckets(), BucketSpec::name);
    Set<String> tables = names(aws.tables(), TableSpec::name);
    Set<String> queues = names(aws.queues(), QueueSpec::name);
    for (SeedSpec.BucketSeed s : seed.buckets()) {
      declared(s, "bucket", s.bucket(), buckets, "aws.buckets");
    }
    for (SeedSpec.TableSeed s : seed.tables()) {
      declared(s, "table", s.table(), tables, "aws.tables");
    }
    for (SeedSpec.QueueSeed s : seed.queues()) {
      declared(s, "queue", s.queue(), queues, "aws.queues");
    }
    Map<String, SeedSpec.ConfigMapSeed> configMaps = new HashMap<>();
    for (SeedSpec.ConfigMapSeed s : seed.configMaps()) {
      namespace(s, "namespace of ConfigMap '" + s.name() + "'", s.namespace());
      // the namespace default is filled in later: compare with it, as the cluster will
      String id = (s.namespace() != null ? s.namespace() : profile.kubernetes().namespace()) + "/" + s.name();
      SeedSpec.ConfigMapSeed earlier = configMaps.putIfAbsent(id, s);
      if (earlier != null && s.name() != null) {
        Origin at = checks.at(s, "name");
        checks.add(at, "ConfigMap " + id + " is seeded twice (first at " + Checks.where(checks.at(earlier, "name"), at)
            + "); the second would replace the first: keep one");
      }
      if (s.name() != null && !DNS_SUBDOMAIN.matcher(s.name()).matches()) {
        checks.add(checks.at(s, "name"), "ConfigMap name '" + s.name() + "' is not a valid Kubernetes name: use at"
            + " most 253 lowercase letters, digits, '-' and '.', starting and ending with a letter or digit");
      }
    }
  }

  private void declared(Object seed, String kind, String name, Set<String> declared, String section) {
    if (name != null) {
      Map<String, String> byName = declared.stream().collect(Collectors.toMap(n -> n, n -> n));
      checks.reference(checks.at(seed, kind), kind + " '" + name + "' to seed", name, byName, section);
    }
  }

  private static <T> Set<String> names(List<T> items, Function<T, String> name) {
    return items.stream().map(name).filter(n -> n != null).collect(Collectors.toSet());
  }
}
