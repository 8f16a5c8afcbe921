package io.devenv.engine;

import io.devenv.testing.Requirements;

import com.github.dockerjava.api.exception.NotFoundException;
import org.junit.jupiter.api.Assumptions;

/**
 * Decides at the start of a test whether Docker and an image are there; skips with a message
 * saying exactly what is missing, or fails when {@code devenv.test.requireAll=true} (CI).
 */
public final class DockerRequirements {
  /**
   * The MiniStack image CI builds without a registry (.ci/build-ministack-image.sh); another tag
   * can be given with {@code -Ddevenv.test.ministackImage=...}.
   */
  public static final String MINISTACK_IMAGE = System.getProperty("devenv.test.ministackImage", "devenv-test/ministack:local");

  private DockerRequirements() {}

  /** Docker answers. */
  public static void docker() {
    if (!DockerAccess.isReachable()) {
      missing("Docker is not reachable at " + DockerAccess.host() + " (start dockerd)");
    }
  }

  /** Docker answers and has the image locally. */
  public static void image(String image) {
    docker();
    if (!present(image)) {
      missing("image " + image + " is not in the local Docker daemon"
          + (image.equals(MINISTACK_IMAGE) ? " (build it with .ci/build-ministack-image.sh)" : ""));
    }
  }

  /**
   * The k3s image is there. Never required, not even in CI: no registry serves it on these
   * machines, so k3s tests run wherever a developer has it and are skipped elsewhere.
   */
  public static void k3s() {
    docker();
    Assumptions.assumeTrue(present(K3sCluster.DEFAULT_IMAGE),
        "k3s test skipped: image " + K3sCluster.DEFAULT_IMAGE + " is not in the local Docker daemon (docker pull it, or docker load"
            + " it, to run the k3s tests; everything beneath k3s is tested on the real control plane of .ci/build-control-plane.sh)");
  }

  static boolean present(String image) {
    try {
      DockerAccess.client().inspectImageCmd(image).exec();
      return true;
    } catch (NotFoundException e) {
      return false;
    }
  }

  private static void missing(String what) {
    Requirements.require(false, what);
  }
}
