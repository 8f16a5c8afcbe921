package io.devenv.lifecycle;

import io.devenv.core.DevenvException;
import io.devenv.environment.DevenvDir;
import io.devenv.core.ExitCode;
import io.devenv.core.Progress;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;

/**
 * Only one devenv at a time changes a project's environment: a file lock on
 * {@code <project>/.devenv/lock}, held across processes. A second {@code up} waits (bounded) and
 * then fails naming the process that holds it, so there is never a half-made environment.
 * Taken once per verb, by the lifecycle layer, for every engine; not re-entrant: a second holder
 * in the same JVM waits like another process does.
 */
public final class ProjectLock implements AutoCloseable {
  private static final Duration POLL = Duration.ofMillis(200);
  private final FileChannel channel;
  private final FileLock lock;

  private ProjectLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the project's lock, waiting up to {@code wait} for another holder.
   *
   * @throws DevenvException when still held after {@code wait}, naming the holder
   */
  public static ProjectLock acquire(Path projectDir, Duration wait, Progress progress) {
    Path file = DevenvDir.ensure(projectDir).resolve("lock").toAbsolutePath();
    long deadline = System.nanoTime() + wait.toNanos();
    boolean announced = false;
    while (true) {
      ProjectLock acquired = tryAcquire(file);
      if (acquired != null) {
        return acquired;
      }
      if (System.nanoTime() - deadline >= 0) {
        throw new DevenvException(ExitCode.FAILURE, "Another devenv (" + holder(file) + ") is changing this project's"
            + " environment (" + file + "); waited " + wait.toSeconds() + "s: let it finish, or stop it, then retry");
      }
      if (!announced) {
        progress.info("Waiting for another devenv (" + holder(file) + ") to finish with this project...");
        announced = true;
      }
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new DevenvException(ExitCode.INTERRUPTED, "Interrupted while waiting for the project lock " + file, e);
      }
    }
  }

  private static ProjectLock tryAcquire(Path file) {
    FileChannel channel = null;
    try {
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock = channel.tryLock();
      if (lock == null) {
        channel.close();
        return null;
      }
      describeHolder(channel);
      return new ProjectLock(channel, lock);
    } catch (OverlappingFileLockException e) {
      // Another thread of this JVM holds it: the JVM refuses a second lock on the file, so wait as for a process.
      closeQuietly(channel);
      return null;
    } catch (IOException e) {
      closeQuietly(channel);
      throw DevenvException.failure("Could not lock " + file + ": " + e.getMessage(), e);
    }
  }

  /** Writes who holds the lock, for the message another process shows while it waits. */
  private static void describeHolder(FileChannel channel) throws IOException {
    ProcessHandle self = ProcessHandle.current();
    String command = self.info().commandLine().orElse("java");
    if (command.length() > 200) {
      command = command.substring(0, 200) + "...";
    }
    String text = "pid " + self.pid() + ", since " + Instant.now() + "\n" + command + "\n";
    channel.truncate(0);
    channel.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), 0);
    channel.force(false);
  }

  /** "pid 1234, since 2025-01-01T10:00:00Z", as the holder wrote it. */
  static String holder(Path file) {
    try {
      String first = Files.readString(file, StandardCharsets.UTF_8).lines().findFirst().orElse("").strip();
      return first.isEmpty() ? "unknown process" : first;
    } catch (IOException e) {
      return "unknown process";
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException ignored) {
      // closing the channel releases it anyway
    }
    closeQuietly(channel);
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // nothing to do: the lock goes with the channel
      }
    }
  }
}
