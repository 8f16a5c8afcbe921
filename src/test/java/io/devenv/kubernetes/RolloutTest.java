package io.devenv.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.devenv.kubernetes.Rollout.State;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The readiness rules, on objects as the API server returns them; the same rules kubectl rollout status uses. */
class RolloutTest {

  @Test
  @DisplayName("a Deployment is waited for until the controller saw its generation and every updated replica is available")
  void deploymentRules() {
    var base = new DeploymentBuilder().withNewMetadata().withName("api").withGeneration(2L).endMetadata()
        .withNewSpec().withReplicas(2).withNewSelector().addToMatchLabels("app", "api").endSelector().endSpec();

    assertThat(Rollout.deployment(base.build()).reason()).as("no status yet").isEqualTo("waiting for the deployment controller to see generation 2");
    assertThat(Rollout.deployment(base.withNewStatus().withObservedGeneration(1L).withReplicas(2).withUpdatedReplicas(2)
        .withAvailableReplicas(2).endStatus().build()).state()).as("status of the previous generation").isEqualTo(State.WAITING);
    assertThat(Rollout.deployment(base.withNewStatus().withObservedGeneration(2L).withReplicas(2).withUpdatedReplicas(1)
        .endStatus().build()).reason()).isEqualTo("1 of 2 replicas updated");
    assertThat(Rollout.deployment(base.withNewStatus().withObservedGeneration(2L).withReplicas(3).withUpdatedReplicas(2)
        .endStatus().build()).reason()).isEqualTo("1 old replicas pending termination");
    assertThat(Rollout.deployment(base.withNewStatus().withObservedGeneration(2L).withReplicas(2).withUpdatedReplicas(2)
        .withAvailableReplicas(1).endStatus().build()).reason()).isEqualTo("1 of 2 updated replicas available");
    assertThat(Rollout.deployment(base.withNewStatus().withObservedGeneration(2L).withReplicas(2).withUpdatedReplicas(2)
        .withAvailableReplicas(2).endStatus().build()).state()).isEqualTo(State.READY);
  }

  @Test
  @DisplayName("a StatefulSet is ready when its pods are ready at the update revision, or as far as its partition asks")
  void statefulSetRules() {
    var base = new StatefulSetBuilder().withNewMetadata().withName("db").withGeneration(1L).endMetadata()
        .withNewSpec().withReplicas(3).withNewSelector().addToMatchLabels("app", "db").endSelector().endSpec();

    assertThat(Rollout.statefulSet(base.withNewStatus().withObservedGeneration(1L).withReadyReplicas(2).endStatus().build()).reason())
        .isEqualTo("2 of 3 pods ready");
    assertThat(Rollout.statefulSet(base.withNewStatus().withObservedGeneration(1L).withReadyReplicas(3).withUpdatedReplicas(1)
        .withCurrentRevision("db-1").withUpdateRevision("db-2").endStatus().build()).reason()).isEqualTo("1 of 3 pods at revision db-2");
    assertThat(Rollout.statefulSet(base.editSpec().withNewUpdateStrategy().withType("RollingUpdate").withNewRollingUpdate().withPartition(2)
        .endRollingUpdate().endUpdateStrategy().endSpec()
        .withNewStatus().withObservedGeneration(1L).withReadyReplicas(3).withUpdatedReplicas(1)
        .withCurrentRevision("db-1").withUpdateRevision("db-2").endStatus().build()).state())
        .as("partition 2: one updated pod is all that is asked").isEqualTo(State.READY);
  }

  @Test
  @DisplayName("a CRD is ready when Established, and fails when its names are not accepted")
  void crdRules() {
    var crd = new CustomResourceDefinitionBuilder().withNewMetadata().withName("widgets.example.devenv.io").endMetadata();

    assertThat(Rollout.crd(crd.build()).reason()).isEqualTo("not Established yet");
    assertThat(Rollout.crd(crd.withNewStatus().addNewCondition().withType("NamesAccepted").withStatus("False")
        .withReason("MultipleNamesNotAllowed").withMessage("plural conflicts").endCondition().endStatus().build()))
        .satisfies(v -> {
          assertThat(v.state()).isEqualTo(State.FAILED);
          assertThat(v.reason()).isEqualTo("names not accepted: MultipleNamesNotAllowed: plural conflicts");
        });
    assertThat(Rollout.crd(crd.withNewStatus().addNewCondition().withType("Established").withStatus("True").endCondition().endStatus().build())
        .state()).isEqualTo(State.READY);
  }

  @Test
  @DisplayName("only built-in workload kinds and CRDs are waited for, not look-alike custom kinds")
  void waitedKinds() {
    assertThat(Rollout.waitedFor(new ObjectRef("apps/v1", "Deployment", "vod", "a"))).isTrue();
    assertThat(Rollout.waitedFor(new ObjectRef("batch/v1", "Job", "vod", "a"))).isTrue();
    assertThat(Rollout.waitedFor(new ObjectRef("batch/v1", "CronJob", "vod", "a"))).isFalse();
    assertThat(Rollout.waitedFor(new ObjectRef("example.devenv.io/v1", "Deployment", "vod", "a"))).isFalse();
  }
}
