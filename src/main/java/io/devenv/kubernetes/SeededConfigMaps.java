package io.devenv.kubernetes;

import io.devenv.core.DevenvException;
import io.devenv.profile.KubernetesSpec;
import io.devenv.profile.Profile;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.devenv.core.Progress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The ConfigMaps a profile seeds ({@code seed.configMaps}) as a checkpoint reads and restores
 * them: their {@code data} and {@code binaryData} only. A restore writes them by server-side apply
 * as the deployer does, marked {@value #RESTORED_FROM}, so a later {@code devenv up} keeps them
 * rather than apply the seed directory over them ({@code up --reset} does).
 */
public final class SeededConfigMaps {
  /** The annotation a restored ConfigMap carries: the checkpoint's name. */
  public static final String RESTORED_FROM = "devenv.io/restored-from";

  /** A seeded ConfigMap, its namespace resolved. */
  public record Ref(String namespace, String name) {
    @Override
    public String toString() {
      return namespace + "/" + name;
    }
  }

  /** A ConfigMap's contents: text values and base64 binary values, each by key. */
  public record Contents(Map<String, String> data, Map<String, String> binaryData) {
    public Contents {
      data = data == null ? Map.of() : Map.copyOf(new TreeMap<>(data));
      binaryData = binaryData == null ? Map.of() : Map.copyOf(new TreeMap<>(binaryData));
    }
  }

  private final KubernetesClient client;
  private final Applier applier;

  public SeededConfigMaps(KubernetesClient client) {
    this.client = client;
    this.applier = new Applier(client, Progress.SILENT);
  }

  /** The ConfigMaps the profile seeds, in profile order; none when Kubernetes is off. */
  public static List<Ref> declared(Profile profile) {
    KubernetesSpec k = profile.kubernetes();
    if (k == null || !k.enabled() || profile.seed() == null || profile.seed().configMaps() == null) {
      return List.of();
    }
    return profile.seed().configMaps().stream()
        .map(s -> new Ref(s.namespace() == null || s.namespace().isBlank() ? k.namespace() : s.namespace(), s.name()))
        .toList();
  }

  /** The live contents; exit 1 naming the ConfigMap when it is not there. */
  public Contents read(Ref ref) {
    ConfigMap live = get(ref);
    if (live == null) {
      throw DevenvException.failure("ConfigMap " + ref + " (seed.configMaps) does not exist in the cluster; run 'devenv up' first", null);
    }
    return new Contents(live.getData(), live.getBinaryData());
  }

  /**
   * Makes the ConfigMap hold exactly {@code contents}; false when it already did. Applied as the
   * deployer applies it; keys another field manager added are then removed as well.
   */
  public boolean restore(Profile profile, Ref ref, Contents contents, String checkpoint) {
    ConfigMap live = get(ref);
    if (live != null && same(live, contents) && checkpoint.equals(annotation(live))) {
      return false;
    }
    ConfigMap desired = new ConfigMapBuilder()
        .withNewMetadata().withName(ref.name()).withNamespace(ref.namespace())
        .addToAnnotations(RESTORED_FROM, checkpoint).endMetadata()
        .withData(contents.data().isEmpty() ? null : new LinkedHashMap<>(contents.data()))
        .withBinaryData(contents.binaryData().isEmpty() ? null : new LinkedHashMap<>(contents.binaryData()))
        .build();
    applier.apply(client.getKubernetesSerialization().convertValue(desired, GenericKubernetesResource.class),
        "checkpoint " + checkpoint, Applier.labelValue(profile.name()));
    ConfigMap now = get(ref);
    if (now == null || !same(now, contents)) {
      // Keys owned by another field manager (kubectl edit) survive an apply; the applier may also
      // have trusted a hash annotation that an edit left in place.
      try {
        client.configMaps().inNamespace(ref.namespace()).withName(ref.name()).edit(c -> new ConfigMapBuilder(c)
            .withData(contents.data().isEmpty() ? null : new LinkedHashMap<>(contents.data()))
            .withBinaryData(contents.binaryData().isEmpty() ? null : new LinkedHashMap<>(contents.binaryData()))
            .build());
      } catch (KubernetesClientException e) {
        throw Applier.failure("write", new ObjectRef("v1", "ConfigMap", ref.namespace(), ref.name()), "checkpoint " + checkpoint, e);
      }
    }
    return true;
  }

  private ConfigMap get(Ref ref) {
    try {
      return client.configMaps().inNamespace(ref.namespace()).withName(ref.name()).get();
    } catch (KubernetesClientException e) {
      throw Applier.failure("read", new ObjectRef("v1", "ConfigMap", ref.namespace(), ref.name()), "seed.configMaps", e);
    }
  }

  private static boolean same(ConfigMap live, Contents contents) {
    return new Contents(live.getData(), live.getBinaryData()).equals(contents);
  }

  /** The checkpoint a live ConfigMap was restored from, or null. */
  static String annotation(ConfigMap live) {
    Map<String, String> a = live.getMetadata() == null ? null : live.getMetadata().getAnnotations();
    return a == null ? null : a.get(RESTORED_FROM);
  }
}
