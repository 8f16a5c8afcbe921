package io.devenv.kubernetes;

import io.devenv.environment.AwsAccess;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The record that a deploy converged: a hash of everything applied (each object as devenv sends
 * it, the ConfigMap seeds, the AWS wiring, devenv's build) and the resourceVersion of every
 * object devenv labelled, kept in the ConfigMap {@code devenv-applied-<profile>} of the profile's
 * namespace. A later deploy with the same hash lists each kind once per namespace by devenv's
 * labels; when every object is there with the resourceVersion recorded (a Deployment whose pods
 * stopped being ready has a new one: its status changed) and no other is, nothing is applied or
 * waited for.
 */
final class AppliedSetStamp {
  static final String PREFIX = "devenv-applied-";
  private static final String HASH = "hash";
  private static final String VERSIONS = "versions";
  private static final String SINCE = "since";

  private final KubernetesClient client;
  private final String namespace;
  private final String name;
  private final String label;
  private final String hash;

  AppliedSetStamp(KubernetesClient client, String namespace, String label, String hash) {
    this.client = client;
    this.namespace = namespace;
    this.label = label;
    this.name = PREFIX + label.toLowerCase().replaceAll("[^a-z0-9.-]", "-");
    this.hash = hash;
  }

  /** What a matching stamp covers. */
  record Match(List<ObjectRef> objects, Instant since) {

    /** "24 objects unchanged since 10:42 (stamp)". */
    String describe() {
      String time = LocalTime.ofInstant(since, ZoneId.systemDefault()).format(DateTimeFormatter.ofPattern("HH:mm"));
      return objects.size() + " object" + (objects.size() == 1 ? "" : "s") + " unchanged since " + time + " (stamp)";
    }
  }

  /** The hash of what a deploy would apply. */
  static String hash(KubernetesClient client, List<ManifestDocument> documents, List<GenericKubernetesResource> seeds,
      Collection<String> namespaces, AwsAccess aws, String label, String build) {
    MessageDigest sha = sha256();
    line(sha, "devenv " + build);
    line(sha, "profile " + label);
    line(sha, "namespaces " + String.join(",", namespaces));
    // The wiring objects are made from these: the emulator's address as pods reach it.
    line(sha, "aws " + aws);
    for (ManifestDocument d : documents) {
      line(sha, d.ref() + " " + client.getKubernetesSerialization().asJson(d.object()));
    }
    for (GenericKubernetesResource s : seeds) {
      line(sha, "seed " + client.getKubernetesSerialization().asJson(s));
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  /** The recorded objects when the hash matches and every one is as recorded; empty otherwise. */
  Optional<Match> check() {
    ConfigMap stamp;
    try {
      stamp = client.configMaps().inNamespace(namespace).withName(name).get();
    } catch (KubernetesClientException e) {
      return Optional.empty();
    }
    if (stamp == null || stamp.getData() == null || !hash.equals(stamp.getData().get(HASH))) {
      return Optional.empty();
    }
    Map<String, String> recorded = parse(stamp.getData().getOrDefault(VERSIONS, ""));
    if (recorded.isEmpty()) {
      return Optional.empty();
    }
    Map<String, String> live;
    try {
      live = versions(refs(recorded.keySet()));
    } catch (KubernetesClientException e) {
      return Optional.empty();
    }
    if (!live.equals(recorded)) {
      return Optional.empty();
    }
    Instant since = Instant.ofEpochSecond(Long.parseLong(stamp.getData().getOrDefault(SINCE, "0")));
    // The inventory is devenv's own record, not an object the deploy reports.
    List<ObjectRef> objects = refs(recorded.keySet()).stream().filter(r -> !r.name().startsWith(Inventory.PREFIX)).toList();
    return Optional.of(new Match(objects, since));
  }

  /**
   * Records the hash and the live resourceVersions in the kinds and namespaces of {@code applied};
   * a failure only costs the next deploy its shortcut.
   */
  void record(Collection<ObjectRef> applied) {
    try {
      // Everything labelled in those kinds and namespaces (the inventory too): what check() lists.
      Map<String, String> live = versions(new TreeSet<>(applied));
      String lines = live.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining("\n"));
      ConfigMap stamp = new ConfigMapBuilder()
          .withNewMetadata().withName(name).withNamespace(namespace)
          .addToAnnotations("devenv.io/purpose", "what devenv applied for this profile and each object's resourceVersion then")
          .endMetadata()
          .withData(Map.of(HASH, hash, VERSIONS, lines, SINCE, Long.toString(Instant.now().getEpochSecond())))
          .build();
      client.configMaps().inNamespace(namespace).resource(stamp).createOr(existing -> existing.update());
    } catch (KubernetesClientException e) {
      // Without a stamp the next up applies everything again, as before.
    }
  }

  /**
   * The resourceVersion of every object devenv labelled for this profile, in the kinds and
   * namespaces of {@code refs}: one list call per kind and namespace.
   */
  private Map<String, String> versions(Set<ObjectRef> refs) {
    Map<String, ObjectRef> groups = new LinkedHashMap<>();
    refs.forEach(r -> groups.putIfAbsent(r.apiVersion() + " " + r.kind() + " " + r.namespace(), r));
    Map<String, String> found = new TreeMap<>();
    for (ObjectRef g : groups.values()) {
      var kind = client.genericKubernetesResources(g.apiVersion(), g.kind());
      var listed = g.namespace() == null
          ? kind.withLabel(Applier.MANAGED_BY, Applier.FIELD_MANAGER).withLabel(Applier.PROFILE_LABEL, label).list()
          : kind.inNamespace(g.namespace()).withLabel(Applier.MANAGED_BY, Applier.FIELD_MANAGER)
              .withLabel(Applier.PROFILE_LABEL, label).list();
      for (GenericKubernetesResource item : listed.getItems()) {
        ObjectRef ref = new ObjectRef(g.apiVersion(), g.kind(), g.namespace(), item.getMetadata().getName());
        // A controller's copy of devenv's labels (the Endpoints of a Service) is not devenv's object.
        if (!ref.name().equals(name) && KubernetesDeployer.writtenByDevenv(item)) {
          found.put(key(ref), item.getMetadata().getResourceVersion());
        }
      }
    }
    return found;
  }

  private static String key(ObjectRef r) {
    return r.toLine();
  }

  private static Set<ObjectRef> refs(Collection<String> keys) {
    return keys.stream().map(ObjectRef::fromLine).collect(Collectors.toCollection(TreeSet::new));
  }

  private static Map<String, String> parse(String text) {
    Map<String, String> map = new TreeMap<>();
    text.lines().filter(l -> !l.isBlank()).forEach(l -> {
      int space = l.lastIndexOf(' ');
      map.put(l.substring(0, space), l.substring(space + 1));
    });
    return map;
  }

  private static void line(MessageDigest sha, String text) {
    sha.update((text + "\n").getBytes(StandardCharsets.UTF_8));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
