package io.devenv.kubernetes;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the API server's refusal of a write says, in a line a user can act on. The server's own
 * message can be thousands of characters (an immutable PodTemplateSpec is printed whole); the
 * causes it lists name the fields.
 */
final class ApiRejection {

  /** A type error in a server-side apply patch: the server answers 500, with the field in the message. */
  private static final Pattern TYPED_PATCH = Pattern.compile("failed to create typed patch object \\([^)]*\\): (.*)", Pattern.DOTALL);
  private static final int LONGEST_CAUSE = 160;

  private ApiRejection() {}

  /** Whether the object itself is wrong (so a new manifest, not a retry, is the cure). */
  static boolean badInput(KubernetesClientException e) {
    return e.getCode() == 422 || (e.getCode() == 500 && typeError(e) != null);
  }

  /** Whether the refusal is only that fields are immutable. */
  static boolean immutable(KubernetesClientException e) {
    List<StatusCause> causes = causes(e);
    return e.getCode() == 422 && !causes.isEmpty()
        && causes.stream().allMatch(c -> c.getMessage() != null && c.getMessage().endsWith("field is immutable"));
  }

  /** The fields named immutable, e.g. "spec.template". */
  static List<String> immutableFields(KubernetesClientException e) {
    return causes(e).stream().filter(c -> c.getMessage() != null && c.getMessage().endsWith("field is immutable"))
        .map(StatusCause::getField).distinct().toList();
  }

  /** One short line: the causes by field, the type error, else the server's message. */
  static String describe(KubernetesClientException e) {
    String typeError = typeError(e);
    if (typeError != null) {
      return typeError;
    }
    List<String> parts = new ArrayList<>();
    for (StatusCause c : causes(e)) {
      parts.add((c.getField() == null ? "" : c.getField() + ": ") + shorten(c.getMessage()));
    }
    if (!parts.isEmpty()) {
      return String.join("; ", parts);
    }
    Status status = e.getStatus();
    return status != null && status.getMessage() != null ? status.getMessage() : e.getMessage();
  }

  /** ".spec.replicas: expected numeric (int or float), got string", or null. */
  static String typeError(KubernetesClientException e) {
    Status status = e.getStatus();
    String message = status != null && status.getMessage() != null ? status.getMessage() : e.getMessage();
    if (message == null) {
      return null;
    }
    Matcher m = TYPED_PATCH.matcher(message);
    return m.find() ? m.group(1).strip().replaceFirst("^\\.", "") : null;
  }

  private static List<StatusCause> causes(KubernetesClientException e) {
    Status status = e.getStatus();
    if (status == null || status.getDetails() == null || status.getDetails().getCauses() == null) {
      return List.of();
    }
    return status.getDetails().getCauses();
  }

  /** "Invalid value: <a whole object>: field is immutable" → "field is immutable". */
  private static String shorten(String message) {
    if (message == null) {
      return "";
    }
    if (message.length() <= LONGEST_CAUSE) {
      return message;
    }
    int last = message.lastIndexOf(": ");
    String tail = last < 0 ? message : message.substring(last + 2);
    return tail.length() <= LONGEST_CAUSE ? tail : tail.substring(0, LONGEST_CAUSE) + "…";
  }
}
