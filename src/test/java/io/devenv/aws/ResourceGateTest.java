package io.devenv.aws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@link ResourceGate}: the order logic seeding beside provisioning relies on. */
class ResourceGateTest {

  @Test
  @DisplayName("a resource's gate opens when that resource is ready, not when another is")
  void opensPerResource() {
    ResourceGate gate = new ResourceGate();
    var bucket = gate.of("bucket", "images");
    var queue = gate.of("queue", "jobs");

    gate.ready("bucket", "images");

    assertThat(bucket).as("the bucket's gate").isCompleted();
    assertThat(queue).as("the queue's gate").isNotDone();
    assertThat(gate.of("bucket", "images")).as("asked again").isCompleted();
  }

  @Test
  @DisplayName("a failed provisioning fails every gate still closed, and any asked for later; open ones stay open")
  void failureFailsTheRest() {
    ResourceGate gate = new ResourceGate();
    var bucket = gate.of("bucket", "images");
    var queue = gate.of("queue", "jobs");
    gate.ready("bucket", "images");

    gate.fail(new IllegalStateException("create queue jobs failed"));

    assertThat(bucket).isCompleted();
    assertThat(queue).isCompletedExceptionally();
    assertThat(gate.of("table", "later")).as("asked after the failure").isCompletedExceptionally();
    assertThat(gate.failed()).isTrue();
  }

  @Test
  @DisplayName("a provisioning that ended well opens whatever still waits, as seeding after it would have run")
  void finishOpensTheRest() {
    ResourceGate gate = new ResourceGate();
    var waiting = gate.of("bucket", "not-provisioned");

    gate.finish();

    assertThat(waiting).isCompleted();
    assertThat(gate.of("queue", "later")).as("asked after the end").isCompleted();
    assertThat(gate.failed()).isFalse();
  }
}
