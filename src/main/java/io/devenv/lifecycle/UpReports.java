package io.devenv.lifecycle;

import io.devenv.core.Check;
import io.devenv.profile.Origin;
import io.devenv.profile.Profile;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON document {@code devenv up --output json} prints: stable keys, for scripts. */
public final class UpReports {

  private UpReports() {}

  public static Map<String, Object> json(Profile profile, UpResult r) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("profile", profile.name());
    doc.put("ready", true);
    doc.put("seconds", r.elapsed().toMillis() / 1000.0);
    if (r.environment().aws() != null) {
      Map<String, Object> aws = new LinkedHashMap<>();
      aws.put("endpoint", r.environment().aws().endpoint().toString());
      aws.put("region", r.environment().aws().region());
      aws.put("accessKeyId", r.environment().aws().accessKeyId());
      if (r.aws() != null) {
        aws.put("resources", r.aws().byKind());
        aws.put("drift", r.aws().driftLines());
      }
      if (r.stamp() != null) {
        Map<String, Object> stamp = new LinkedHashMap<>();
        stamp.put("resources", r.stamp().resources());
        stamp.put("seeds", r.stamp().seeds());
        stamp.put("since", r.stamp().since().toString());
        aws.put("unchangedSince", stamp);
      }
      if (r.seed() != null) {
        aws.put("seedLoaded", r.seed().loaded());
        aws.put("seedUnchanged", r.seed().unchanged());
      }
      doc.put("aws", aws);
    }
    if (r.kubeconfig() != null) {
      Map<String, Object> k8s = new LinkedHashMap<>();
      k8s.put("kubeconfig", r.kubeconfig().toString());
      if (r.kubernetes() != null) {
        k8s.put("namespaces", r.kubernetes().namespaces());
        k8s.put("applied", r.kubernetes().summary());
      }
      doc.put("kubernetes", k8s);
    }
    doc.put("forwards", r.forwards());
    doc.put("envFile", Origin.display(r.envFile()));
    doc.put("checks", checks(r.checks()));
    return doc;
  }

  /** Each phase with its start (from the JVM's start) and duration, in seconds, then the total. */
  public static Map<String, Object> timings(io.devenv.core.Timings timings) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("phases", timings.phases().stream().map(p -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("phase", p.name());
      m.put("startSeconds", p.start().toMillis() / 1000.0);
      m.put("seconds", p.duration().toMillis() / 1000.0);
      return m;
    }).toList());
    doc.put("totalSeconds", timings.sinceOrigin().toMillis() / 1000.0);
    return doc;
  }

  public static List<Map<String, Object>> checks(List<Check> checks) {
    return checks.stream().map(c -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("group", c.group());
      m.put("name", c.name());
      m.put("ok", c.ok());
      m.put("seconds", c.duration().toMillis() / 1000.0);
      if (c.failure() != null) {
        m.put("failure", c.failure());
      }
      return m;
    }).toList();
  }
}
