package io.devenv.environment;

import io.devenv.core.DevenvException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A project's {@code .devenv/} directory: the env file, the kubeconfig, the lock. It ignores
 * itself in git (a {@code .gitignore} holding {@code *}), so no project needs to list it.
 */
public final class DevenvDir {
  public static final String NAME = ".devenv";

  private DevenvDir() {}

  /** {@code <projectDir>/.devenv}, created with its {@code .gitignore} if missing. */
  public static Path ensure(Path projectDir) {
    Path dir = projectDir.resolve(NAME);
    try {
      Files.createDirectories(dir);
      Path ignore = dir.resolve(".gitignore");
      if (!Files.exists(ignore)) {
        Files.writeString(ignore, "# written by devenv: nothing here belongs in git\n*\n");
      }
      return dir;
    } catch (IOException e) {
      throw DevenvException.failure("Could not create " + dir + ": " + e.getMessage(), e);
    }
  }
}
