package io.devenv.kubernetes;

import static io.devenv.kubernetes.ManifestLoaderTest.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.devenv.core.Check;
import io.devenv.core.DevenvException;
import io.devenv.core.ExitCode;
import io.devenv.core.Progress;
import io.devenv.profile.ChartSpec;
import io.devenv.profile.Origin;
import io.devenv.profile.Profile;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Helm charts rendered in-process by the real Helm library, then applied, waited for and pruned like manifests. */
@EnableKubernetesMockClient(crud = true, https = false)
class HelmChartsTest {

  KubernetesMockServer server;
  KubernetesClient client;
  private FakeControllers controllers;

  static {
    MockServerLogs.quiet();
  }

  @BeforeEach
  void startControllers() {
    controllers = new FakeControllers(server, client).start();
  }

  @AfterEach
  void stopControllers() {
    controllers.close();
  }

  @Test
  @DisplayName("a sample chart renders with its values.local.yaml, the profile's set values and devenv's values")
  void sampleChartRenders() {
    Path chart = Fixtures.root().resolve("fixtures/events-collector/.cloud/chart");
    ChartSpec spec = new ChartSpec(Origin.NONE, chart, "collector", "vod", List.of(), Map.of("stage", "ci"));

    List<ManifestDocument> docs = new ManifestLoader().load(List.of(), List.of(spec),
        Map.of(ManifestValues.NAMESPACE, "vod", ManifestValues.REGION, "eu-west-3"));

    assertThat(docs).extracting(ManifestDocument::displayName)
        .containsExactlyInAnyOrder("ConfigMap vod/collector-nginx", "Service vod/collector", "Deployment vod/collector");
    ManifestDocument deployment = docs.stream().filter(d -> d.kind().equals("Deployment")).findFirst().orElseThrow();
    assertThat(deployment.file()).as("objects are named after their template").isEqualTo(chart.resolve("templates/deployment.yaml"));
    String yaml = io.fabric8.kubernetes.client.utils.Serialization.asYaml(deployment.object());
    assertThat(yaml).as("values.local.yaml: one replica, the emulator's account, devenv's wiring").contains("replicas: 1")
        .contains("arn:aws:sns:eu-west-3:000000000000:user-events").contains("name: \"devenv-aws\"");
    assertThat(deployment.object().getMetadata().getLabels()).as("set wins over the values files").containsEntry("stage", "ci");
  }

  @Test
  @DisplayName("a chart applies with its crds/ first, its Deployment is waited for, and an object it stops rendering is pruned")
  void appliesWaitsAndPrunes(@TempDir Path dir) throws IOException {
    // Given a chart with a CRD in crds/, a custom resource, a Deployment and an optional ConfigMap
    Path chart = chart(dir);
    String head = "name: shop\nkubernetes:\n  namespace: shop\n  charts:\n    - { path: chart, release: shop, set: ";
    KubernetesDeployer deployer = new KubernetesDeployer(client, Progress.SILENT);

    // When it is deployed with the ConfigMap on
    DeployReport first = deployer.deploy(io.devenv.kubernetes.TestProfiles.write(dir, head + "{ extra: true } }\n"), null);

    // Then the CRD comes before the Widget, the Deployment is ready, everything is created
    List<String> applied = first.applied().stream().map(a -> a.ref().toString()).toList();
    assertThat(applied).contains("CustomResourceDefinition widgets.example.com", "Widget shop/shop-widget",
        "Deployment shop/shop", "ConfigMap shop/shop-extra");
    assertThat(applied.indexOf("CustomResourceDefinition widgets.example.com")).as("CRD first")
        .isLessThan(applied.indexOf("Widget shop/shop-widget"));
    assertThat(first.checks()).extracting(Check::name).contains("Deployment shop/shop");
    assertThat(first.checks()).allMatch(Check::ok);

    // When it is deployed again with the ConfigMap off
    DeployReport second = deployer.deploy(io.devenv.kubernetes.TestProfiles.write(dir, head + "{ extra: false } }\n"), null);

    // Then the ConfigMap is pruned and the rest stays
    assertThat(second.pruned()).extracting(ObjectRef::toString).containsExactly("ConfigMap shop/shop-extra");
    assertThat(client.configMaps().inNamespace("shop").withName("shop-extra").get()).isNull();
    assertThat(client.apps().deployments().inNamespace("shop").withName("shop").get()).isNotNull();
  }

  @Test
  @DisplayName("a chart Helm cannot render is an error naming the chart and the release, exit 2")
  void brokenChart(@TempDir Path dir) throws IOException {
    Path chart = chart(dir);
    write(chart.resolve("templates"), "broken.yaml", "kind: {{ .Values.nope.deeper }}\n");
    ChartSpec spec = new ChartSpec(Origin.NONE, chart, "shop", "shop", List.of(), Map.of());

    DevenvException e = catchThrowableOfType(DevenvException.class,
        () -> new ManifestLoader().load(List.of(), List.of(spec), Map.of()));

    assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
    assertThat(e.getMessage()).startsWith("Helm chart ").contains("(release shop) does not render: ").contains("broken.yaml");
  }

  /** A small chart: crds/widget.yaml, a Widget, a Deployment, and a ConfigMap rendered when .Values.extra. */
  static Path chart(Path dir) throws IOException {
    Path chart = dir.resolve("chart");
    java.nio.file.Files.createDirectories(chart.resolve("crds"));
    java.nio.file.Files.createDirectories(chart.resolve("templates"));
    write(chart, "Chart.yaml", "apiVersion: v2\nname: shop\nversion: 0.1.0\n");
    write(chart, "values.yaml", "extra: false\nreplicas: 1\n");
    write(chart.resolve("crds"), "widget.yaml", """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: widgets.example.com
        spec:
          group: example.com
          scope: Namespaced
          names: { plural: widgets, singular: widget, kind: Widget }
          versions:
            - name: v1
              served: true
              storage: true
              schema:
                openAPIV3Schema: { type: object, x-kubernetes-preserve-unknown-fields: true }
        """);
    write(chart.resolve("templates"), "widget.yaml", """
        apiVersion: example.com/v1
        kind: Widget
        metadata:
          name: {{ .Release.Name }}-widget
        spec:
          size: 3
        """);
    write(chart.resolve("templates"), "deployment.yaml", """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {{ .Release.Name }}
        spec:
          replicas: {{ .Values.replicas }}
          selector:
            matchLabels: { app: {{ .Release.Name }} }
          template:
            metadata:
              labels: { app: {{ .Release.Name }} }
            spec:
              containers:
                - { name: app, image: "busybox:1.37.0" }
        """);
    write(chart.resolve("templates"), "extra.yaml", """
        {{- if .Values.extra }}
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: {{ .Release.Name }}-extra
        data:
          a: b
        {{- end }}
        """);
    return chart;
  }
}
