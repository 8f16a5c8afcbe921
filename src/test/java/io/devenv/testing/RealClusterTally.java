package io.devenv.testing;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestTag;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Counts the tests that ran against the real control plane ({@link RealCluster}) and prints one
 * line at the end of the run, so that the CI log shows how much of the Kubernetes half met a real
 * API server. Registered through META-INF/services.
 */
public final class RealClusterTally implements TestExecutionListener {

  private static final TestTag TAG = TestTag.create(RealCluster.TAG);
  private static final AtomicInteger passed = new AtomicInteger();
  private static final AtomicInteger failed = new AtomicInteger();
  private static final AtomicInteger skipped = new AtomicInteger();

  @Override
  public void executionSkipped(TestIdentifier test, String reason) {
    if (test.isTest() && test.getTags().contains(TAG)) {
      skipped.incrementAndGet();
    }
  }

  @Override
  public void executionFinished(TestIdentifier test, TestExecutionResult result) {
    if (!test.isTest() || !test.getTags().contains(TAG)) {
      return;
    }
    switch (result.getStatus()) {
      case SUCCESSFUL -> passed.incrementAndGet();
      case ABORTED -> skipped.incrementAndGet();
      case FAILED -> failed.incrementAndGet();
    }
  }

  @Override
  public void testPlanExecutionFinished(TestPlan plan) {
    int ran = passed.get() + failed.get();
    if (ran + skipped.get() == 0) {
      return;
    }
    System.out.println("[devenv] Kubernetes tests against a real kube-apiserver v" + ControlPlane.VERSION + ": " + ran + " ran ("
        + passed.get() + " passed, " + failed.get() + " failed), " + skipped.get() + " skipped"
        + (skipped.get() > 0 && ControlPlane.missing() != null ? " because " + ControlPlane.missing() : ""));
  }
}
