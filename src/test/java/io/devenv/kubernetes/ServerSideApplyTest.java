package io.devenv.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.devenv.core.DevenvException;
import io.devenv.core.ExitCode;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The two ways objects are written, against a mock server answering from expectations: one that
 * supports server-side apply as a real API server does, and one that answers as the fabric8 mock
 * does in CRUD mode.
 */
@EnableKubernetesMockClient(https = false)
class ServerSideApplyTest {

  static {
    MockServerLogs.quiet();
  }

  private static final String PATH = "/api/v1/namespaces/shop/configmaps/settings";
  private static final String APPLY = PATH + "?fieldManager=devenv&force=true";

  KubernetesMockServer server;
  KubernetesClient client;

  @Test
  @DisplayName("where the server supports it, objects are written by server-side apply, field manager devenv, conflicts forced")
  void appliesServerSide() throws Exception {
    // Given a server that answers server-side apply
    GenericKubernetesResource settings = settings();
    server.expect().get().withPath(PATH).andReturn(404, notFound("configmaps", "settings")).once();
    server.expect().patch().withPath(APPLY).andReturn(201, settings).once();
    RecordingProgress progress = new RecordingProgress();
    Applier applier = new Applier(client, progress);

    // When a ConfigMap is applied
    ApplyOutcome outcome = applier.apply(settings, "app.yaml, document 1 (line 1)", "shop");

    // Then one apply request carried the object, labelled and hashed
    assertThat(outcome).isEqualTo(ApplyOutcome.CREATED);
    assertThat(applier.usesServerSideApply()).isTrue();
    server.takeRequest(1, TimeUnit.SECONDS); // the GET
    RecordedRequest apply = server.takeRequest(1, TimeUnit.SECONDS);
    assertThat(apply.getMethod()).isEqualTo("PATCH");
    assertThat(apply.getPath()).isEqualTo(APPLY);
    assertThat(apply.getHeader("Content-Type")).startsWith("application/apply-patch+yaml");
    GenericKubernetesResource sent = client.getKubernetesSerialization().unmarshal(apply.getUtf8Body(), GenericKubernetesResource.class);
    assertThat(sent.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "devenv").containsEntry("devenv.io/profile", "shop");
    assertThat(sent.getMetadata().getAnnotations()).containsKey("devenv.io/applied-hash");
    assertThat(progress.lines).as("no fallback announced").isEmpty();
  }

  @Test
  @DisplayName("a 404 with a reason is a real error (here: no such namespace), not a server without server-side apply")
  void realNotFoundIsAnError() {
    // Given a server that answers server-side apply with a real NotFound
    server.expect().get().withPath(PATH).andReturn(404, notFound("configmaps", "settings")).once();
    server.expect().patch().withPath(APPLY).andReturn(404, notFound("namespaces", "shop")).once();
    Applier applier = new Applier(client, new RecordingProgress());

    // When a ConfigMap is applied
    DevenvException e = catchThrowableOfType(DevenvException.class, () -> applier.apply(settings(), "app.yaml, document 1 (line 1)", "shop"));

    // Then the failure names the object, where it comes from, and the server's reason
    assertThat(e.exitCode()).isEqualTo(ExitCode.FAILURE);
    assertThat(e.getMessage()).isEqualTo("cannot apply ConfigMap shop/settings (app.yaml, document 1 (line 1)): namespaces \"shop\" not found");
    assertThat(applier.usesServerSideApply()).as("still undecided").isNull();
  }

  @Test
  @DisplayName("a 415 to server-side apply switches to create, once: later objects are not tried by server-side apply again")
  void fallsBackOnce() throws Exception {
    // Given a server that refuses the apply-patch content type, as the mock does for an existing object
    server.expect().get().withPath(PATH).andReturn(404, notFound("configmaps", "settings")).once();
    server.expect().patch().withPath(APPLY).andReturn(415, new StatusBuilder().withCode(415).withMessage("Unsupported Media Type").build()).once();
    server.expect().post().withPath("/api/v1/namespaces/shop/configmaps").andReturn(201, settings()).times(2);
    server.expect().get().withPath("/api/v1/namespaces/shop/configmaps/other").andReturn(404, notFound("configmaps", "other")).once();
    RecordingProgress progress = new RecordingProgress();
    Applier applier = new Applier(client, progress);

    // When two ConfigMaps are applied
    ApplyOutcome first = applier.apply(settings(), "a", "shop");
    GenericKubernetesResource other = settings();
    other.getMetadata().setName("other");
    ApplyOutcome second = applier.apply(other, "b", "shop");

    // Then both are created, the switch is announced once, and the second went straight to POST
    assertThat(first).isEqualTo(ApplyOutcome.CREATED);
    assertThat(second).isEqualTo(ApplyOutcome.CREATED);
    assertThat(applier.usesServerSideApply()).isFalse();
    assertThat(progress.lines).containsExactly("  the API server does not support server-side apply: applying by create and JSON merge patch");
    assertThat(server.getRequestCount()).as("GET, PATCH, POST for the first; GET, POST for the second").isEqualTo(5);
  }

  @Test
  @DisplayName("an object the API server refuses as invalid (422) is bad input, named with its manifest")
  void invalidObject() {
    // Given a server that validates and refuses the object
    server.expect().get().withPath(PATH).andReturn(404, notFound("configmaps", "settings")).once();
    server.expect().patch().withPath(APPLY).andReturn(422, new StatusBuilder().withCode(422).withReason("Invalid")
        .withMessage("ConfigMap \"settings\" is invalid: data[bad key]: Invalid value").build()).once();
    Applier applier = new Applier(client, new RecordingProgress());

    // When applied
    DevenvException e = catchThrowableOfType(DevenvException.class, () -> applier.apply(settings(), "app.yaml, document 3 (line 20)", "shop"));

    // Then
    assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
    assertThat(e.getMessage()).isEqualTo("cannot apply ConfigMap shop/settings (app.yaml, document 3 (line 20)):"
        + " ConfigMap \"settings\" is invalid: data[bad key]: Invalid value; fix the manifest");
  }

  private GenericKubernetesResource settings() {
    return client.getKubernetesSerialization().convertValue(new ConfigMapBuilder()
        .withNewMetadata().withName("settings").withNamespace("shop").endMetadata()
        .addToData("colour", "blue").build(), GenericKubernetesResource.class);
  }

  private static io.fabric8.kubernetes.api.model.Status notFound(String kind, String name) {
    return new StatusBuilder().withStatus("Failure").withCode(404).withReason("NotFound")
        .withMessage(kind + " \"" + name + "\" not found").withNewDetails().withKind(kind).withName(name).endDetails().build();
  }
}
