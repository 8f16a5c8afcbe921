package io.devenv.engine;

import com.github.dockerjava.api.DockerClient;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;
import org.testcontainers.containers.output.FrameConsumerResultCallback;
import org.testcontainers.containers.output.OutputFrame;
import org.testcontainers.utility.LogUtils;

/**
 * Keeps the last lines a starting container printed. Testcontainers removes a container that
 * failed to start, so its log must be collected while it runs, for the failure message.
 *
 * <p>Testcontainers follows a log consumer's stream until the container stops and gives no handle
 * to end it: a thread then sits in a socket read, and the JVM's exit waits 0.3 s for a thread in
 * native code. devenv's containers outlive the process, so the containers follow a tail through
 * {@link #follow} instead, and the start {@link #stop}s it once the container is up.
 */
final class LogTail implements Consumer<OutputFrame> {
  private final int max;
  private final Deque<String> lines = new ArrayDeque<>();
  private final StringBuilder partial = new StringBuilder();
  private Closeable following;
  private boolean stopped;

  LogTail(int max) {
    this.max = max;
  }

  @Override
  public synchronized void accept(OutputFrame frame) {
    if (frame.getType() == OutputFrame.OutputType.END) {
      return;
    }
    partial.append(frame.getUtf8String());
    int newline;
    while ((newline = partial.indexOf("\n")) >= 0) {
      add(partial.substring(0, newline));
      partial.delete(0, newline + 1);
    }
  }

  private void add(String line) {
    lines.addLast(line);
    if (lines.size() > max) {
      lines.removeFirst();
    }
  }

  /**
   * What a devenv container's {@code followOutput} does, as Testcontainers calls it right after the
   * start: a tail follows the log with a handle kept for {@link #stop}; any other consumer as
   * Testcontainers would.
   */
  static void follow(DockerClient docker, String containerId, Consumer<OutputFrame> consumer) {
    if (!(consumer instanceof LogTail tail)) {
      LogUtils.followOutput(docker, containerId, consumer);
      return;
    }
    FrameConsumerResultCallback callback = new FrameConsumerResultCallback();
    callback.addConsumer(OutputFrame.OutputType.STDOUT, tail);
    callback.addConsumer(OutputFrame.OutputType.STDERR, tail);
    synchronized (tail) {
      if (tail.stopped) {
        return;
      }
      tail.following = callback;
    }
    docker.logContainerCmd(containerId).withFollowStream(true).withSince(0).withStdOut(true).withStdErr(true).exec(callback);
  }

  /** Stops following the log (the lines kept so far stay). */
  void stop() {
    Closeable stream;
    synchronized (this) {
      stopped = true;
      stream = following;
      following = null;
    }
    if (stream != null) {
      try {
        stream.close();
      } catch (IOException | RuntimeException e) {
        // the stream was ending anyway; nothing is left to follow
      }
    }
  }

  synchronized String text() {
    StringBuilder out = new StringBuilder(String.join("\n", lines));
    if (partial.length() > 0) {
      out.append(out.length() == 0 ? "" : "\n").append(partial);
    }
    return out.toString().strip();
  }
}
