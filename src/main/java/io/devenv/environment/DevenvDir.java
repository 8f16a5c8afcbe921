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
      // An empty one is what an earlier write cut short (a full disk) left: write it again.
      if (!Files.exists(ignore) || Files.size(ignore) == 0) {
        writeAtomically(ignore, "# written by devenv: nothing here belongs in git\n*\n");
      }
      return dir;
    } catch (IOException e) {
      throw DevenvException.failure("Could not create " + dir + ": " + io.devenv.core.SafeFiles.reason(e), e);
    }
  }

  /** Whole or not at all: written beside the target, then moved over it. */
  static void writeAtomically(Path target, String content) throws IOException {
    Path temp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
    try {
      Files.writeString(temp, content);
      Files.move(temp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
