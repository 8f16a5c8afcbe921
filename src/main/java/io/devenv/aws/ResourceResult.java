package io.devenv.aws;

import java.util.List;

/**
 * What the provisioner did with one declared resource.
 *
 * @param kind the resource kind as users say it: bucket, queue, topic, table, stream, secret, parameter
 * @param name the resource name from the profile
 * @param outcome what happened
 * @param changes what was added to a resource that existed (missing settings filled in)
 * @param drift how the existing resource differs from the profile; never changed by devenv
 */
public record ResourceResult(String kind, String name, Outcome outcome, List<String> changes, List<String> drift) {

  public ResourceResult {
    changes = List.copyOf(changes);
    drift = List.copyOf(drift);
  }

  /** What the provisioner did with a resource. */
  public enum Outcome {
    /** It did not exist and was created as declared. */
    CREATED,
    /** It existed; settings it lacked were added, nothing it had was changed. */
    UPDATED,
    /** It existed exactly as declared. */
    UP_TO_DATE,
    /** It exists with a configuration other than the profile's; reported, left alone. */
    DRIFTED
  }

  /** "queue thumbnails: VisibilityTimeout is 60, the profile says 30", one per difference. */
  public List<String> driftLines() {
    return drift.stream().map(d -> kind + " " + name + ": " + d).toList();
  }
}
