package io.devenv.expose;

import io.devenv.expose.PortForwards.Forward;
import io.devenv.environment.AwsAccess;
import io.devenv.environment.Environment;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The table {@code devenv up} prints at the end: what runs where, and how to use it. */
public final class Summary {
  /** One row: what, where to reach it, a note. */
  public record Row(String what, String where, String note) {}

  private final List<Row> rows;

  private Summary(List<Row> rows) {
    this.rows = List.copyOf(rows);
  }

  /**
   * @param envFile the env file written, or null
   * @param kubeconfig the kubeconfig written, or null
   */
  public static Summary of(Environment env, List<Forward> forwards, Path envFile, Path kubeconfig) {
    List<Row> rows = new ArrayList<>();
    AwsAccess aws = env.aws();
    if (aws != null) {
      rows.add(new Row("AWS emulator", aws.endpoint().toString(), "region " + aws.region() + ", key " + aws.accessKeyId()));
      if (aws.networkAddress() != null && env.cluster() != null) {
        rows.add(new Row("  from pods", "http://aws:" + aws.networkPort(),
            "Service aws -> " + aws.networkAddress() + ":" + aws.networkPort() + ", ConfigMap devenv-aws"));
      }
    }
    if (env.cluster() != null) {
      rows.add(new Row("Kubernetes", server(env), kubeconfig == null ? "" : "KUBECONFIG=" + display(kubeconfig)));
    }
    for (Forward f : forwards) {
      rows.add(new Row(f.service(), "http://127.0.0.1:" + f.localPort(),
          "port-forward to " + f.namespace() + "/" + f.service() + ":" + f.port()));
    }
    if (envFile != null) {
      rows.add(new Row("Env file", display(envFile), "eval \"$(devenv env)\""));
    }
    return new Summary(rows);
  }

  /** The table with aligned columns, one row a line. */
  public String render() {
    int what = "WHAT".length();
    int where = "WHERE".length();
    for (Row r : rows) {
      what = Math.max(what, r.what().length());
      where = Math.max(where, r.where().length());
    }
    StringBuilder out = new StringBuilder();
    line(out, what, where, "WHAT", "WHERE", "NOTE");
    for (Row r : rows) {
      line(out, what, where, r.what(), r.where(), r.note());
    }
    return out.toString();
  }

  private static void line(StringBuilder out, int what, int where, String a, String b, String c) {
    out.append(pad(a, what)).append("  ").append(pad(b, where)).append("  ").append(c);
    while (out.length() > 0 && out.charAt(out.length() - 1) == ' ') {
      out.setLength(out.length() - 1);
    }
    out.append('\n');
  }

  private static String pad(String s, int width) {
    return s + " ".repeat(width - s.length());
  }

  private static String server(Environment env) {
    try {
      var clusters = KubeConfigUtils.parseConfigFromString(env.cluster().kubeconfig()).getClusters();
      return clusters.isEmpty() ? "(see kubeconfig)" : clusters.get(0).getCluster().getServer();
    } catch (RuntimeException e) {
      return "(see kubeconfig)";
    }
  }

  private static String display(Path p) {
    return io.devenv.profile.Origin.display(p);
  }
}
