package io.devenv.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Counts, per emulator, the tests of {@link OnEachEmulator} classes that passed, failed and were
 * skipped (with each distinct skip reason), and prints the table when the run ends, so CI's log
 * shows what ran on LocalStack and what on MiniStack. Also written to
 * {@code target/aws-emulator-counts.txt}. Registered through META-INF/services.
 */
public final class EmulatorCounts implements TestExecutionListener {
  /** Starts the display name of each per-emulator invocation: "on LocalStack 4.14.0". */
  public static final String PREFIX = "on ";

  // Static: Surefire may run one test plan per class in the same JVM; the table covers them all.
  private static final Map<Emulator, int[]> counts = new EnumMap<>(Emulator.class);
  private static final Map<String, Integer> skipReasons = new TreeMap<>();
  private TestPlan plan;

  @Override
  public void testPlanExecutionStarted(TestPlan testPlan) {
    plan = testPlan;
  }

  @Override
  public synchronized void executionFinished(TestIdentifier test, TestExecutionResult result) {
    if (!test.isTest()) {
      return;
    }
    emulatorOf(test).ifPresent(e -> counts.computeIfAbsent(e, k -> new int[3])[switch (result.getStatus()) {
      case SUCCESSFUL -> 0;
      case FAILED -> 1;
      case ABORTED -> 2;
    }]++);
    if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
      emulatorOf(test).ifPresent(e -> result.getThrowable().ifPresent(t -> skipReasons.merge(String.valueOf(t.getMessage()), 1, Integer::sum)));
    }
  }

  @Override
  public synchronized void executionSkipped(TestIdentifier test, String reason) {
    emulatorOf(test).ifPresent(e -> counts.computeIfAbsent(e, k -> new int[3])[2]++);
  }

  @Override
  public void testPlanExecutionFinished(TestPlan testPlan) {
    report();
  }

  private static synchronized void report() {
    if (counts.isEmpty()) {
      return;
    }
    StringBuilder text = new StringBuilder("AWS tests per emulator (host processes):\n");
    counts.forEach((e, c) -> text.append(String.format("  %-18s %4d passed, %d failed, %d skipped%n", e, c[0], c[1], c[2])));
    skipReasons.forEach((reason, n) -> text.append(String.format("  skipped %d× — %s%n", n, reason)));
    System.out.print(text);
    try {
      Path target = Path.of(System.getProperty("devenv.projectRoot", "."), "target");
      if (Files.isDirectory(target)) {
        Files.writeString(target.resolve("aws-emulator-counts.txt"), text, StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Optional<Emulator> emulatorOf(TestIdentifier test) {
    Optional<TestIdentifier> current = Optional.of(test);
    while (current.isPresent()) {
      String name = current.get().getDisplayName();
      for (Emulator e : Emulator.values()) {
        if (name.equals(PREFIX + e)) {
          return Optional.of(e);
        }
      }
      current = plan == null ? Optional.empty() : plan.getParent(current.get());
    }
    return Optional.empty();
  }
}
