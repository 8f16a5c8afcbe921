package io.devenv.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test class that runs against the real control plane ({@link ControlPlane#shared()}): it is
 * started before the class, skipped (failed in CI) when its binaries are missing, and its tests
 * are counted in the line printed at the end of the run ({@link RealClusterTally}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag(RealCluster.TAG)
@ExtendWith(RealClusterExtension.class)
public @interface RealCluster {
  String TAG = "kube-apiserver";
}
