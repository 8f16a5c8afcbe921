package io.devenv.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.model.PullResponseItem;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import io.devenv.core.DevenvException;
import io.devenv.core.ExitCode;
import io.devenv.core.Text;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.testcontainers.utility.DockerImageName;

/**
 * Makes sure an image is in the local Docker daemon before a container is made from it: present,
 * or pulled once. A pull that fails is reported at once in one line (image, reason, fix), where
 * Testcontainers would retry it for two minutes and print each attempt's stack trace.
 */
public final class ImagePull {
  /** A pull that makes progress may take long (a large image); only a silent one is cut off. */
  private static final long PULL_LIMIT_MINUTES = 30;

  private ImagePull() {}

  /** Whether the image is in the local Docker daemon. */
  public static boolean present(DockerClient docker, String image) {
    return inspect(docker, image).isPresent();
  }

  /** The image as the local Docker daemon has it (its labels, for {@link ImageServices}); empty when absent. */
  public static Optional<InspectImageResponse> inspect(DockerClient docker, String image) {
    try {
      return Optional.of(docker.inspectImageCmd(image).exec());
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }

  /**
   * @param what the container it is for, e.g. "AWS emulator"
   * @throws DevenvException (exit 1) naming the image, why it could not be pulled and what to do
   */
  public static void ensure(DockerClient docker, String image, String what) {
    if (!present(docker, image)) {
      pull(docker, image, what);
    }
  }

  /**
   * Pulls an image found absent, as {@link #ensure} does.
   *
   * @throws DevenvException as {@link #ensure}
   */
  public static void pull(DockerClient docker, String image, String what) {
    DockerImageName name = DockerImageName.parse(image);
    QuietPull pull = new QuietPull();
    try {
      // One tag (or digest: Docker's "tag" parameter takes either), never every tag of the repository.
      docker.pullImageCmd(name.getUnversionedPart()).withTag(name.getVersionPart()).exec(pull);
      if (!pull.awaitCompletion(PULL_LIMIT_MINUTES, TimeUnit.MINUTES)) {
        throw failed(image, what, "the pull did not finish within " + PULL_LIMIT_MINUTES + " minutes");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DevenvException(ExitCode.INTERRUPTED, "Interrupted while pulling " + Text.escape(image), e);
    } catch (DockerException | IllegalArgumentException e) {
      throw failed(image, what, reason(e.getMessage()), e);
    }
    if (pull.error != null) {
      throw failed(image, what, reason(pull.error.getMessage()), pull.error);
    }
    if (!present(docker, image)) {
      throw failed(image, what, "the pull ended but the image is not there");
    }
  }

  /** Docker's error in the user's terms: unreachable registry, unknown image, or missing credentials. */
  static String reason(String dockerMessage) {
    String m = dockerMessage == null ? "" : dockerMessage.toLowerCase(Locale.ROOT);
    if (m.contains("no such host") || m.contains("dial tcp") || m.contains("i/o timeout") || m.contains("connection refused")
        || m.contains("network is unreachable") || m.contains("tls handshake timeout") || m.contains("timeout exceeded")) {
      return "the registry is unreachable";
    }
    if (m.contains("unauthorized") || m.contains("authentication required") || m.contains("denied")
        || m.contains("docker login")) {
      return "the registry needs registry credentials or does not have it (docker login, or check the name)";
    }
    if (m.contains("not found") || m.contains("manifest unknown") || m.contains("does not exist")) {
      return "the registry does not have it (not found)";
    }
    return "Docker could not pull it";
  }

  /**
   * docker-java's own callback logs each failure with its stack trace at ERROR; this one keeps the
   * first failure (an HTTP error or an error item in the progress stream) for the one-line message.
   */
  private static final class QuietPull extends ResultCallback.Adapter<PullResponseItem> {
    private volatile Throwable error;

    @Override
    public void onNext(PullResponseItem item) {
      if (item.getErrorDetail() != null && error == null) {
        error = new IllegalStateException(item.getErrorDetail().getMessage());
      }
    }

    @Override
    public void onError(Throwable throwable) {
      if (error == null) {
        error = throwable;
      }
      try {
        close();
      } catch (java.io.IOException e) {
        // closing the stream of a failed pull: nothing left to do
      }
    }
  }

  private static DevenvException failed(String image, String what, String reason) {
    return failed(image, what, reason, null);
  }

  private static DevenvException failed(String image, String what, String reason, Throwable cause) {
    return new DevenvException(ExitCode.FAILURE, "The " + what + " image " + Text.escape(image)
        + " is not in the local Docker daemon and cannot be pulled: " + reason
        + ". Load it (docker load -i FILE), or name a local tag in the profile, then run devenv doctor", null, cause);
  }
}
