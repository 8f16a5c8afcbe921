package io.devenv.expose;

import io.devenv.core.DevenvException;
import io.devenv.environment.ClusterAccess;
import io.devenv.environment.DevenvDir;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Writes the cluster's kubeconfig to {@code .devenv/kubeconfig}, readable by its owner only. */
public final class KubeconfigFile {
  public static final String NAME = "kubeconfig";

  private KubeconfigFile() {}

  /** {@code <projectDir>/.devenv/kubeconfig}. */
  public static Path path(Path projectDir) {
    return projectDir.toAbsolutePath().resolve(DevenvDir.NAME).resolve(NAME);
  }

  /** Writes it atomically with mode 0600 (it holds the cluster's admin credentials). */
  public static Path write(Path projectDir, ClusterAccess cluster) {
    DevenvDir.ensure(projectDir);
    Path file = path(projectDir);
    try {
      AtomicFiles.write(file, cluster.kubeconfig(), PosixFilePermissions.fromString("rw-------"));
      return file;
    } catch (IOException e) {
      throw DevenvException.failure("Could not write the kubeconfig " + file + ": " + e.getMessage(), e);
    }
  }
}
