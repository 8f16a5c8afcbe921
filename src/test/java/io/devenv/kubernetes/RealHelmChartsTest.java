package io.devenv.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.devenv.core.Check;
import io.devenv.core.Progress;
import io.devenv.profile.Profile;
import io.devenv.testing.ControlPlane;
import io.devenv.testing.RealCluster;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample apps' Helm charts (time-api, events-collector) on a real kube-apiserver 1.37 with its
 * controllers and a KWOK node: rendered in-process, applied by server-side apply, ready, pruned.
 */
@RealCluster
class RealHelmChartsTest {

  @TempDir Path dir;
  private KubernetesClient client;
  private String ns;

  @BeforeEach
  void namespace(ControlPlane plane) {
    client = plane.client();
    ns = plane.uniqueNamespace("helm");
  }

  @Test
  @DisplayName("the sample charts apply by server-side apply, their Deployments become ready, a chart dropped from the profile is pruned")
  void sampleCharts() {
    // Given a profile with both sample charts
    KubernetesDeployer deployer = new KubernetesDeployer(client, Progress.SILENT);

    // When it is deployed
    DeployReport first = deployer.deploy(profile(true), null);

    // Then the real server took every rendered object, and both Deployments became ready with values.local.yaml's replicas
    assertThat(first.serverSideApply()).isTrue();
    assertThat(first.applied()).extracting(a -> a.ref().toString()).contains("ConfigMap " + ns + "/events-collector-nginx",
        "Service " + ns + "/events-collector", "Service " + ns + "/time-api");
    assertThat(first.checks()).extracting(Check::name)
        .containsExactlyInAnyOrder("Deployment " + ns + "/time-api", "Deployment " + ns + "/events-collector");
    assertThat(first.checks()).allMatch(Check::ok);
    var timeApi = client.apps().deployments().inNamespace(ns).withName("time-api").get();
    String serviceVersion = client.services().inNamespace(ns).withName("time-api").get().getMetadata().getResourceVersion();
    assertThat(timeApi.getSpec().getReplicas()).as("from the chart's values.local.yaml").isEqualTo(1);
    assertThat(timeApi.getStatus().getReadyReplicas()).isEqualTo(1);
    var collector = client.apps().deployments().inNamespace(ns).withName("events-collector").get();
    assertThat(collector.getStatus().getReadyReplicas()).as("ready on the KWOK node").isEqualTo(1);
    assertThat(collector.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
        .as("values.local.yaml's account, rendered by Helm").anyMatch(e -> e.getValue() != null && e.getValue().endsWith(":000000000000:user-events"));
    assertThat(client.services().inNamespace(ns).withName("time-api").get().getSpec().getClusterIP())
        .as("a cluster IP the real server allocated").startsWith("10.96.");

    // When the events-collector chart is dropped from the profile
    DeployReport second = deployer.deploy(profile(false), null);

    // Then its objects are pruned and time-api's stay unchanged (its Service's resourceVersion did not move)
    assertThat(second.applied()).filteredOn(a -> a.ref().name().startsWith("time-api"))
        .extracting(DeployReport.Applied::outcome).isNotEmpty().containsOnly(ApplyOutcome.UNCHANGED);
    assertThat(second.pruned()).extracting(ObjectRef::toString).containsExactlyInAnyOrder(
        "ConfigMap " + ns + "/events-collector-nginx", "Service " + ns + "/events-collector", "Deployment " + ns + "/events-collector");
    assertThat(client.apps().deployments().inNamespace(ns).withName("events-collector").get()).isNull();
    assertThat(client.apps().deployments().inNamespace(ns).withName("time-api").get()).isNotNull();
    assertThat(client.services().inNamespace(ns).withName("time-api").get().getMetadata().getResourceVersion()).isEqualTo(serviceVersion);
    assertThat(client.configMaps().inNamespace(ns).withName("events-collector-nginx").get()).isNull();
  }

  private Profile profile(boolean withCollector) {
    Path fixtures = Fixtures.root().resolve("fixtures");
    String charts = "    - { path: " + fixtures.resolve("time-api/.cloud/chart") + ", release: time-api }\n"
        + (withCollector ? "    - { path: " + fixtures.resolve("events-collector/.cloud/chart") + ", release: events-collector }\n" : "");
    return TestProfiles.write(dir, "name: " + ns + "\nkubernetes:\n  namespace: " + ns + "\n  charts:\n" + charts);
  }
}
