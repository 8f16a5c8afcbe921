package io.devenv.engine;

import io.devenv.core.DevenvException;
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
import java.util.HashMap;
import java.util.Map;

/**
 * Only one devenv at a time changes a project's environment: a file lock on
 * {@code <project>/.devenv/lock}, held across processes. A second {@code up} waits (bounded) and
 * then fails naming the process that holds it, so there is never a half-made environment.
 * Re-entrant for the thread that holds it, so the CLI can hold it around a whole {@code up} while
 * the engine takes it again inside.
 */
public final class ProjectLock implements AutoCloseable {
  private static final Duration POLL = Duration.ofMillis(200);
  /** Locks this JVM holds, by lock file: file locks are per process, so threads coordinate here. */
  private static final Map<Path, ProjectLock> HELD = new HashMap<>();

  private final Path file;
  private final FileChannel channel;
  private final FileLock lock;
  private final Thread owner;
  private int holds = 1;

  private ProjectLock(Path file, FileChannel channel, FileLock lock) {
    this.file = file;
    this.channel = channel;
    this.lock = lock;
    this.owner = Thread.currentThread();
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
    synchronized (HELD) {
      ProjectLock held = HELD.get(file);
      if (held != null) {
        if (held.owner == Thread.currentThread()) {
          held.holds++;
          return held;
        }
        return null;
      }
      FileChannel channel = null;
      try {
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock lock = channel.tryLock();
        if (lock == null) {
          channel.close();
          return null;
        }
        describeHolder(channel);
        ProjectLock acquired = new ProjectLock(file, channel, lock);
        HELD.put(file, acquired);
        return acquired;
      } catch (OverlappingFileLockException e) {
        closeQuietly(channel);
        return null;
      } catch (IOException e) {
        closeQuietly(channel);
        throw DevenvException.failure("Could not lock " + file + ": " + e.getMessage(), e);
      }
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
    synchronized (HELD) {
      if (--holds > 0) {
        return;
      }
      HELD.remove(file);
      try {
        lock.release();
      } catch (IOException ignored) {
        // closing the channel releases it anyway
      }
      closeQuietly(channel);
    }
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
