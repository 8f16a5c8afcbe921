package io.devenv.engine;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;
import org.testcontainers.containers.output.OutputFrame;

/**
 * Keeps the last lines a starting container printed. Testcontainers removes a container that
 * failed to start, so its log must be collected while it runs, for the failure message.
 */
final class LogTail implements Consumer<OutputFrame> {
  private final int max;
  private final Deque<String> lines = new ArrayDeque<>();
  private final StringBuilder partial = new StringBuilder();

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

  synchronized String text() {
    StringBuilder out = new StringBuilder(String.join("\n", lines));
    if (partial.length() > 0) {
      out.append(out.length() == 0 ? "" : "\n").append(partial);
    }
    return out.toString().strip();
  }
}
