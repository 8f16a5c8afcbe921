package io.devenv.seed;

import io.devenv.core.DevenvException;
import io.devenv.profile.Origin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A seed file's size and modification time when it was first read: a streamed seeder reads its
 * file twice (check, then load) and must not load a file that changed in between unchecked.
 */
record FileStamp(long size, long modifiedNanos) {

  static FileStamp of(Path file) {
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
      return new FileStamp(a.size(), a.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS));
    } catch (IOException e) {
      throw new DevenvException(2, Origin.display(file) + ": cannot read: " + io.devenv.core.SafeFiles.reason(e), e);
    }
  }

  /** Fails, naming the file, when it is no longer the file that was checked. */
  void check(Path file) {
    if (!of(file).equals(this)) {
      throw DevenvException.invalid(Origin.display(file) + ": changed while it was being loaded; run devenv seed again");
    }
  }
}
