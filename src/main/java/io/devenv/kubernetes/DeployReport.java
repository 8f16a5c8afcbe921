package io.devenv.kubernetes;

import io.devenv.core.Check;
import java.time.Duration;
import java.util.List;

/**
 * What a deploy did.
 *
 * @param applied every object devenv applied (manifests, wiring, ConfigMap seeds), in order
 * @param pruned objects an earlier deploy of the profile applied and the manifests no longer hold
 * @param namespaces the namespaces devenv deployed to
 * @param serverSideApply whether objects were written by server-side apply; null when nothing
 *     had to be written
 * @param checks one result per object waited for (CRDs, then workloads), all ready
 */
public record DeployReport(
    List<Applied> applied,
    List<ObjectRef> pruned,
    List<String> namespaces,
    Boolean serverSideApply,
    List<Check> checks,
    Duration duration) {

  /** One object and what applying it did. */
  public record Applied(ObjectRef ref, ApplyOutcome outcome) {}

  static DeployReport disabled() {
    return new DeployReport(List.of(), List.of(), List.of(), null, List.of(), Duration.ZERO);
  }

  /** A deploy skipped because its applied-set stamp matched: every object as the last deploy left it. */
  static DeployReport unchanged(List<ObjectRef> objects, List<String> namespaces, Check stamp, Duration duration) {
    return new DeployReport(objects.stream().map(r -> new Applied(r, ApplyOutcome.UNCHANGED)).toList(), List.of(), namespaces,
        null, List.of(stamp), duration);
  }

  public long count(ApplyOutcome outcome) {
    return applied.stream().filter(a -> a.outcome() == outcome).count();
  }

  /** "3 created, 1 configured, 40 unchanged, 2 pruned". */
  public String summary() {
    return count(ApplyOutcome.CREATED) + " created, " + count(ApplyOutcome.CONFIGURED) + " configured, "
        + count(ApplyOutcome.UNCHANGED) + " unchanged, " + pruned.size() + " pruned";
  }
}
