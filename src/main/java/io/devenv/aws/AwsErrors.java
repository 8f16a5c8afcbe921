package io.devenv.aws;

import io.devenv.core.DevenvException;
import io.devenv.core.ExitCode;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/** Turns AWS SDK failures into one line naming the operation, the resource and the endpoint. */
public final class AwsErrors {

  private AwsErrors() {}

  /** The endpoint does not answer at all. */
  public static DevenvException unreachable(URI endpoint, Throwable cause) {
    return new DevenvException(ExitCode.FAILURE,
        "AWS endpoint " + endpoint + " does not answer (" + reason(cause)
            + "): start the emulator or point aws.endpoint / --aws-endpoint at a running one",
        cause);
  }

  /** The endpoint answered at first and then stopped: the emulator was stopped or died mid-run. */
  public static DevenvException stopped(URI endpoint, Throwable cause) {
    return new DevenvException(ExitCode.FAILURE,
        "the AWS emulator at " + endpoint + " stopped answering: see 'devenv status' and 'devenv logs aws', then run 'devenv up' again",
        cause);
  }

  /**
   * Wraps a failure of {@code operation} (e.g. "create queue") on {@code name}; a failure to
   * connect becomes {@link #unreachable}. Already-wrapped failures pass through unchanged.
   */
  public static DevenvException wrap(String operation, String name, URI endpoint, Throwable failure) {
    Throwable t = unwrap(failure);
    if (t instanceof DevenvException d) {
      return d;
    }
    if (t instanceof InterruptedException || t instanceof InterruptedIOException && !(t instanceof SocketTimeoutException)) {
      Thread.currentThread().interrupt();
      return new DevenvException(ExitCode.INTERRUPTED, operation + " " + name + ": interrupted", t);
    }
    if (isConnectionFailure(t)) {
      return unreachable(endpoint, t);
    }
    String detail;
    if (t instanceof AwsServiceException ase && ase.awsErrorDetails() != null) {
      detail = ase.awsErrorDetails().errorCode() + ": " + ase.awsErrorDetails().errorMessage();
    } else {
      detail = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
    return DevenvException.failure(operation + " " + name + " at " + endpoint + " failed: " + firstLine(detail), t);
  }

  /** The AWS error code of a service failure, or null. */
  public static String code(Throwable failure) {
    Throwable t = unwrap(failure);
    if (t instanceof AwsServiceException ase && ase.awsErrorDetails() != null) {
      return ase.awsErrorDetails().errorCode();
    }
    return null;
  }

  /** Error codes the services answer a create with when the resource is there already. */
  private static final java.util.Set<String> EXISTS = java.util.Set.of("BucketAlreadyOwnedByYou", "BucketAlreadyExists",
      "QueueNameExists", "QueueAlreadyExists", "AWS.SimpleQueueService.QueueNameExists", "ResourceInUseException",
      "ResourceExistsException", "ParameterAlreadyExists", "TableAlreadyExistsException");

  /** Whether a create failed because the resource exists: 409, or one of the services' codes for it. */
  public static boolean alreadyExists(Throwable failure) {
    String code = code(failure);
    return status(failure) == 409 || (code != null && EXISTS.contains(code));
  }

  /**
   * Runs a create on an emulator known empty: its result, or null when the service refused it
   * because the resource is there after all (the caller then checks it as on any emulator).
   */
  static <T> T unlessThere(java.util.function.Supplier<T> create) {
    try {
      return create.get();
    } catch (AwsServiceException e) {
      if (alreadyExists(e)) {
        return null;
      }
      throw e;
    }
  }

  /** The HTTP status of a service failure, or 0. */
  public static int status(Throwable failure) {
    Throwable t = unwrap(failure);
    return t instanceof AwsServiceException ase ? ase.statusCode() : 0;
  }

  public static Throwable unwrap(Throwable t) {
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  /** Whether the failure means nothing answered, as opposed to an error the service returned. */
  public static boolean isConnectionFailure(Throwable failure) {
    Throwable t = unwrap(failure);
    if (t instanceof AwsServiceException) {
      return false;
    }
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof ConnectException || c instanceof NoRouteToHostException
          || c instanceof UnknownHostException
          || c instanceof java.net.SocketException
          || c != t && c instanceof SdkClientException && c.getCause() instanceof IOException) {
        return true; // the last case: a failure already wrapped (e.g. by a seeder) around one of the SDK's
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return t instanceof SdkClientException && t.getCause() instanceof IOException;
  }

  private static String reason(Throwable cause) {
    for (Throwable c = cause; c != null; c = c.getCause()) {
      if (c instanceof ConnectException) {
        return "connection refused";
      }
      if (c instanceof UnknownHostException) {
        return "unknown host";
      }
      if (c instanceof SocketTimeoutException) {
        return "timed out";
      }
    }
    return cause == null || cause.getMessage() == null ? "no answer" : firstLine(cause.getMessage());
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
