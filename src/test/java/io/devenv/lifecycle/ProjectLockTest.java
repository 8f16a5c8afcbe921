package io.devenv.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.devenv.core.DevenvException;
import io.devenv.core.Progress;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@SuppressWarnings("try") // locks are held for their blocks
class ProjectLockTest {
  @TempDir Path project;

  @Test
  @DisplayName("A second holder waits for the first to let go, then gets the lock")
  void secondWaitsThenProceeds() throws Exception {
    // Given one thread holding the lock
    ProjectLock first = ProjectLock.acquire(project, Duration.ofSeconds(1), Progress.SILENT);
    CountDownLatch started = new CountDownLatch(1);

    // When another thread asks with a generous wait, and the first lets go shortly after
    CompletableFuture<Boolean> second = CompletableFuture.supplyAsync(() -> {
      started.countDown();
      try (ProjectLock l = ProjectLock.acquire(project, Duration.ofSeconds(10), Progress.SILENT)) {
        return true;
      }
    });
    started.await(5, TimeUnit.SECONDS);
    assertThat(second).as("still waiting while held").isNotDone();
    first.close();

    // Then the second gets it
    assertThat(second.get(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  @DisplayName("The lock is not re-entrant: taken once per verb, a second take in the same thread waits and fails")
  void notReentrant() {
    try (ProjectLock outer = ProjectLock.acquire(project, Duration.ofSeconds(1), Progress.SILENT)) {
      assertThatThrownBy(() -> ProjectLock.acquire(project, Duration.ofMillis(300), Progress.SILENT))
          .isInstanceOf(DevenvException.class).hasMessageContaining("Another devenv");
    }
    // and it is free again afterwards
    try (ProjectLock again = ProjectLock.acquire(project, Duration.ZERO, Progress.SILENT)) {
      assertThat(again).isNotNull();
    }
  }

  @Test
  @DisplayName("Held by another process, the lock times out with one line naming that process")
  void otherProcessNamed() throws Exception {
    // Given a child JVM holding the project's lock
    Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), HoldLock.class.getName(), project.toString())
        .redirectErrorStream(true).start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
      assertThat(out.readLine()).as("child reports it holds the lock").isEqualTo("locked");

      // When this process asks with a short wait
      DevenvException e = catchThrowableOfType(DevenvException.class,
          () -> ProjectLock.acquire(project, Duration.ofMillis(600), Progress.SILENT));

      // Then it fails clearly, naming the holder's pid and the lock file
      assertThat(e).as("timed out").isNotNull();
      assertThat(e.getMessage()).contains("pid " + child.pid()).contains(".devenv").contains("waited");
    } finally {
      child.getOutputStream().close(); // the child exits when its stdin closes
      child.waitFor(10, TimeUnit.SECONDS);
      child.destroyForcibly();
    }
  }

  /** Child process: holds the lock until its stdin closes. */
  public static final class HoldLock {
    public static void main(String[] args) throws Exception {
      try (ProjectLock lock = ProjectLock.acquire(Path.of(args[0]), Duration.ofSeconds(5), Progress.SILENT)) {
        System.out.println("locked");
        System.out.flush();
        while (System.in.read() >= 0) {
          // wait for the parent to close our stdin
        }
      }
    }
  }

  @Test
  @DisplayName("The lock file lives in .devenv, which ignores itself in git")
  void devenvDirIgnoresItself() throws Exception {
    try (ProjectLock l = ProjectLock.acquire(project, Duration.ZERO, Progress.SILENT)) {
      assertThat(project.resolve(".devenv/lock")).exists();
      assertThat(List.of(java.nio.file.Files.readString(project.resolve(".devenv/.gitignore")).split("\n"))).contains("*");
    }
  }
}
