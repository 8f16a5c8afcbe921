package io.devenv.doctor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/** Enough disk where Docker keeps images and containers. */
final class DiskCheck implements Check {
  private final Function<Path, Long> usable;
  private final long warnBelow;
  private final long failBelow;

  DiskCheck(Function<Path, Long> usable, long warnBelow, long failBelow) {
    this.usable = usable;
    this.warnBelow = warnBelow;
    this.failBelow = failBelow;
  }

  static DiskCheck standard() {
    return new DiskCheck(DiskCheck::usableBytes, 5 * MemoryCheck.GIB, 2 * MemoryCheck.GIB);
  }

  @Override
  public String name() {
    return "free disk";
  }

  @Override
  public CheckResult run(DoctorContext context) {
    // Docker's root dir when it is on this machine (Linux); else a local directory stands in.
    Path where = context.dockerInfo().map(i -> i.getDockerRootDir()).map(Path::of).filter(Files::isDirectory)
        .orElse(Path.of(System.getProperty("java.io.tmpdir")));
    long free = usable.apply(where);
    String detail = MemoryCheck.gib(free) + " free at " + where;
    if (free < failBelow) {
      return CheckResult.fail(name(), detail, "free disk space (docker system prune removes unused images and containers)");
    }
    if (free < warnBelow) {
      return CheckResult.warn(name(), detail + ", " + MemoryCheck.gib(warnBelow) + " wanted for images",
          "free some space (docker system prune)");
    }
    return CheckResult.ok(name(), detail);
  }

  static long usableBytes(Path path) {
    try {
      return Files.getFileStore(path).getUsableSpace();
    } catch (IOException e) {
      return Long.MAX_VALUE;
    }
  }
}
