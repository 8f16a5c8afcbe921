package io.devenv.kubernetes;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.devenv.core.DevenvException;
import io.devenv.core.ExitCode;
import io.devenv.core.Progress;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.RequestConfig;
import io.fabric8.kubernetes.client.RequestConfigBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Applies objects the way devenv owns them: labelled with the profile, compared with what was
 * applied last time, and written by server-side apply (field manager {@value #FIELD_MANAGER}) where
 * the API server supports it, else by create or JSON merge patch.
 *
 * <p>Whether the server supports server-side apply is found out on the first write and
 * remembered for this applier (one per client): a 415, or a 404 that carries no reason (a real
 * server always gives one), means it does not. The fabric8 mock API server is such a server.
 */
final class Applier {

  static final String FIELD_MANAGER = "devenv";
  static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  static final String PROFILE_LABEL = "devenv.io/profile";
  static final String HASH = "devenv.io/applied-hash";
  /** Kinds whose spec cannot change once created and that are replaced when it does. */
  static final java.util.Set<String> RUN_ONCE = java.util.Set.of("Job");

  private static final ObjectMapper CANONICAL =
      JsonMapper.builder().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

  private final KubernetesClient client;
  private final KubernetesClient writer;
  private final Progress progress;
  private volatile Boolean serverSideApply; // null until the first write tells

  Applier(KubernetesClient client, Progress progress) {
    this.client = client;
    this.progress = progress;
    // A write the server refuses with 500 (a type error in an apply patch) fails the same way
    // every time: fabric8's ten retries would only add 26 s before the same answer.
    RequestConfig noRetries = new RequestConfigBuilder(client.getConfiguration().getRequestConfig())
        .withRequestRetryBackoffLimit(0).build();
    this.writer = client.newClient(noRetries).adapt(KubernetesClient.class);
  }

  /** The label value for a profile name: at most 63 characters of [A-Za-z0-9._-]. */
  static String labelValue(String profile) {
    String value = profile.replaceAll("[^A-Za-z0-9._-]", "-");
    value = value.length() > 63 ? value.substring(0, 63) : value;
    return value.replaceAll("^[^A-Za-z0-9]+|[^A-Za-z0-9]+$", "");
  }

  /** Whether writes go by server-side apply; null before the first write. */
  Boolean usesServerSideApply() {
    return serverSideApply;
  }

  /**
   * @param object the object as written in a manifest, namespace resolved
   * @param origin where it comes from, for messages ("k8s/app.yaml, document 2 (line 5)")
   * @param profileLabel the profile's name as a label value (see {@link #labelValue})
   */
  ApplyOutcome apply(GenericKubernetesResource object, String origin, String profileLabel) {
    GenericKubernetesResource desired = prepare(object, profileLabel);
    ObjectRef ref = ObjectRef.of(desired);
    try {
      GenericKubernetesResource live = client.resource(desired).get();
      if (live != null && desired.getMetadata().getAnnotations().get(HASH).equals(annotation(live, HASH))) {
        return ApplyOutcome.UNCHANGED;
      }
      if (!Boolean.FALSE.equals(serverSideApply) && applyServerSide(desired)) {
        return live == null ? ApplyOutcome.CREATED : ApplyOutcome.CONFIGURED;
      }
      if (live == null) {
        try {
          writer.resource(desired).create();
          return ApplyOutcome.CREATED;
        } catch (KubernetesClientException e) {
          if (e.getCode() != 409) {
            throw e;
          }
          // Created meanwhile by someone else: fall through and patch it.
        }
      }
      writer.resource(desired).patch(PatchContext.of(PatchType.JSON_MERGE), client.getKubernetesSerialization().asJson(desired));
      return ApplyOutcome.CONFIGURED;
    } catch (KubernetesClientException e) {
      throw failure("apply", ref, origin, e);
    }
  }

  /** True when applied; false when the server turned out not to support server-side apply. */
  private boolean applyServerSide(GenericKubernetesResource desired) {
    try {
      writer.resource(desired).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
      serverSideApply = Boolean.TRUE;
      return true;
    } catch (KubernetesClientException e) {
      if (RUN_ONCE.contains(desired.getKind()) && ApiRejection.immutable(e)) {
        // A Job runs once: a changed Job is a new run, so the old one (and its pods) makes way for it.
        progress.info("  " + ObjectRef.of(desired) + " changed: " + String.join(", ", ApiRejection.immutableFields(e))
            + " cannot change on a " + desired.getKind() + ", so it is deleted and created again");
        recreate(desired);
        serverSideApply = Boolean.TRUE;
        return true;
      }
      if (serverSideApply == null && unsupported(e)) {
        serverSideApply = Boolean.FALSE;
        progress.info("  the API server does not support server-side apply: applying by create and JSON merge patch");
        return false;
      }
      throw e;
    }
  }

  /** Deletes the object, waits until it is gone (its pods with it), and applies it anew. */
  private void recreate(GenericKubernetesResource desired) {
    var resource = writer.resource(desired);
    resource.withPropagationPolicy(io.fabric8.kubernetes.api.model.DeletionPropagation.FOREGROUND).delete();
    resource.waitUntilCondition(java.util.Objects::isNull, 60, java.util.concurrent.TimeUnit.SECONDS);
    writer.resource(desired).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
  }

  private static boolean unsupported(KubernetesClientException e) {
    if (e.getCode() == 415) {
      return true;
    }
    Status status = e.getStatus();
    return e.getCode() == 404 && (status == null || status.getReason() == null || status.getReason().isEmpty());
  }

  /** Deletes an object devenv applied earlier; true when it was there. */
  boolean delete(ObjectRef ref) {
    try {
      var resource = client.genericKubernetesResources(ref.apiVersion(), ref.kind());
      var named = ref.namespace() == null ? resource.withName(ref.name()) : resource.inNamespace(ref.namespace()).withName(ref.name());
      return !named.delete().isEmpty();
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        return false;
      }
      throw failure("delete", ref, "pruning", e);
    }
  }

  /**
   * The object as devenv writes it: server-set fields dropped (manifests are often saved from
   * {@code kubectl get -o yaml}), devenv's labels added, and a hash of the result annotated.
   */
  GenericKubernetesResource prepare(GenericKubernetesResource object, String profileLabel) {
    // Through JSON text, so that no list or map is shared between two places: a YAML alias in a
    // manifest would otherwise be written as an anchor in the apply patch, which the API server refuses.
    var serialization = client.getKubernetesSerialization();
    GenericKubernetesResource desired = serialization.unmarshal(serialization.asJson(object), GenericKubernetesResource.class);
    desired.getAdditionalProperties().remove("status");
    ObjectMeta meta = desired.getMetadata();
    meta.setResourceVersion(null);
    meta.setUid(null);
    meta.setCreationTimestamp(null);
    meta.setGeneration(null);
    meta.setManagedFields(null);
    meta.setSelfLink(null);
    Map<String, String> labels = new LinkedHashMap<>(meta.getLabels() == null ? Map.of() : meta.getLabels());
    labels.put(MANAGED_BY, FIELD_MANAGER);
    labels.put(PROFILE_LABEL, profileLabel);
    meta.setLabels(labels);
    Map<String, String> annotations = new LinkedHashMap<>(meta.getAnnotations() == null ? Map.of() : meta.getAnnotations());
    annotations.remove(HASH);
    annotations.remove("kubectl.kubernetes.io/last-applied-configuration");
    meta.setAnnotations(annotations);
    annotations.put(HASH, hash(desired));
    return desired;
  }

  private String hash(GenericKubernetesResource object) {
    try {
      Object tree = client.getKubernetesSerialization().convertValue(object, Map.class);
      byte[] canonical = CANONICAL.writeValueAsString(tree).getBytes(StandardCharsets.UTF_8);
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical);
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException | com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot hash " + ObjectRef.of(object), e);
    }
  }

  static String annotation(GenericKubernetesResource object, String key) {
    Map<String, String> annotations = object.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(key);
  }

  static DevenvException failure(String operation, ObjectRef ref, String origin, KubernetesClientException e) {
    if (e.getCode() == 0 && Thread.currentThread().isInterrupted()) {
      return new DevenvException(ExitCode.INTERRUPTED, "interrupted while trying to " + operation + " " + ref, e);
    }
    // The API server refused the object itself (422, or 500 for a type error in an apply patch): the manifest has to change.
    int exit = ApiRejection.badInput(e) ? ExitCode.INVALID_INPUT : ExitCode.FAILURE;
    String reason = ApiRejection.describe(e);
    if (ApiRejection.immutable(e)) {
      reason = String.join(", ", ApiRejection.immutableFields(e)) + " cannot be changed on a live " + ref.kind()
          + "; delete it (kubectl delete " + ref.kind().toLowerCase(java.util.Locale.ROOT) + " " + ref.name()
          + (ref.namespace() == null ? "" : " --namespace " + ref.namespace()) + ") and run up again";
    } else if (exit == ExitCode.INVALID_INPUT) {
      reason = reason + "; fix the manifest";
    }
    return new DevenvException(exit, "cannot " + operation + " " + ref + " (" + origin + "): " + reason, e);
  }
}
