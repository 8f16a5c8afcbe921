package io.devenv.doctor;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.LongSupplier;

/** Enough free memory for the emulator (and k3s): below half of it things fail, below it they crawl. */
final class MemoryCheck implements Check {
  static final long GIB = 1024L * 1024 * 1024;

  private final LongSupplier available;
  private final long forAws;
  private final long forAwsAndK3s;

  /**
   * @param available free memory in bytes
   * @param forAws what an emulator alone wants
   * @param forAwsAndK3s what an emulator and k3s want
   */
  MemoryCheck(LongSupplier available, long forAws, long forAwsAndK3s) {
    this.available = available;
    this.forAws = forAws;
    this.forAwsAndK3s = forAwsAndK3s;
  }

  static MemoryCheck standard() {
    return new MemoryCheck(MemoryCheck::availableBytes, GIB, 3 * GIB);
  }

  @Override
  public String name() {
    return "free memory";
  }

  @Override
  public CheckResult run(DoctorContext context) {
    long need = context.wantsKubernetes() ? forAwsAndK3s : forAws;
    long free = available.getAsLong();
    String detail = gib(free) + " available, " + gib(need) + " wanted" + (context.wantsKubernetes() ? " (emulator + k3s)" : " (emulator)");
    var info = context.dockerInfo();
    if (info.isPresent() && info.get().getMemTotal() != null && info.get().getMemTotal() < need) {
      return CheckResult.warn(name(), "Docker may use only " + gib(info.get().getMemTotal()) + ", " + gib(need) + " wanted",
          "give Docker more memory (Docker Desktop: Settings, Resources)");
    }
    if (free < need / 2) {
      return CheckResult.fail(name(), detail, "close memory-hungry programs, or run with kubernetes.enabled: false");
    }
    if (free < need) {
      return CheckResult.warn(name(), detail, "close some programs; containers may be slow or killed");
    }
    return CheckResult.ok(name(), detail);
  }

  /** MemAvailable from /proc/meminfo on Linux (it counts reclaimable cache), else the JVM's view. */
  static long availableBytes() {
    Path meminfo = Path.of("/proc/meminfo");
    if (Files.isReadable(meminfo)) {
      try {
        for (String line : Files.readAllLines(meminfo)) {
          if (line.startsWith("MemAvailable:")) {
            return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
          }
        }
      } catch (IOException | NumberFormatException e) {
        // fall back to the JVM's view below
      }
    }
    var os = ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean
        ? ((com.sun.management.OperatingSystemMXBean) os).getFreeMemorySize() : Long.MAX_VALUE;
  }

  static String gib(long bytes) {
    return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) GIB);
  }
}
