package io.devenv.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import io.devenv.core.DevenvException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Runs a command in a running container and collects what it prints. */
final class DockerExec {
  /** What a command printed and how it ended. */
  record Result(long exitCode, String stdout, String stderr) {
    boolean ok() {
      return exitCode == 0;
    }
  }

  private DockerExec() {}

  static Result run(DockerClient docker, String containerId, Duration timeout, String... command) {
    String what = "run " + String.join(" ", command) + " in container " + containerId.substring(0, Math.min(12, containerId.length()));
    try {
      String execId = docker.execCreateCmd(containerId).withCmd(command)
          .withAttachStdout(true).withAttachStderr(true).exec().getId();
      StringBuilder out = new StringBuilder();
      StringBuilder err = new StringBuilder();
      ResultCallback.Adapter<Frame> callback = docker.execStartCmd(execId).exec(new ResultCallback.Adapter<>() {
        @Override
        public void onNext(Frame frame) {
          String text = new String(frame.getPayload(), StandardCharsets.UTF_8);
          synchronized (out) {
            (frame.getStreamType() == StreamType.STDERR ? err : out).append(text);
          }
        }
      });
      if (!callback.awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        callback.close();
        throw DevenvException.failure("Could not " + what + ": no answer within " + timeout.toSeconds() + "s", null);
      }
      Long code = docker.inspectExecCmd(execId).exec().getExitCodeLong();
      synchronized (out) {
        return new Result(code == null ? -1 : code, out.toString(), err.toString());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DevenvException(io.devenv.core.ExitCode.INTERRUPTED, "Interrupted while trying to " + what, e);
    } catch (DevenvException e) {
      throw e;
    } catch (Exception e) {
      throw DevenvException.failure("Could not " + what + ": " + e.getMessage(), e);
    }
  }
}
