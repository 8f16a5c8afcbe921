package io.devenv.checkpoint;

import io.devenv.aws.AwsClients;
import io.devenv.core.DevenvException;
import io.devenv.kubernetes.SeededConfigMaps;
import io.devenv.profile.BucketSpec;
import io.devenv.profile.ParameterSpec;
import io.devenv.profile.Profile;
import io.devenv.profile.QueueSpec;
import io.devenv.profile.SecretSpec;
import io.devenv.profile.TableSpec;
import io.devenv.seed.TableKeys;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * What must hold before a restore empties anything: the checkpoint was saved from this profile,
 * it covers exactly the resources the profile declares, its files are intact, and every table's
 * key schema is still the one its items were saved with. Each failure is one line, exit 2.
 */
final class RestoreCheck {
  private final AwsClients aws;

  RestoreCheck(AwsClients aws) {
    this.aws = aws;
  }

  void check(Profile profile, String name, Manifest m, Path dir) {
    if (!profile.name().equals(m.profile())) {
      throw refused(name, "it was saved from profile " + m.profile() + ", not " + profile.name()
          + "; pass --profile for that profile, or save a checkpoint of this one");
    }
    same(name, "buckets", names(profile.aws().buckets(), BucketSpec::name), names(m.buckets(), Manifest.Bucket::name));
    same(name, "tables", names(profile.aws().tables(), TableSpec::name), names(m.tables(), Manifest.Table::name));
    same(name, "queues", names(profile.aws().queues(), QueueSpec::name), names(m.queues(), Manifest.Queue::name));
    same(name, "secrets", names(profile.aws().secrets(), SecretSpec::name), names(m.secrets(), Manifest.Value::name));
    same(name, "parameters", names(profile.aws().parameters(), ParameterSpec::name), names(m.parameters(), Manifest.Value::name));
    same(name, "ConfigMaps (seed.configMaps)", names(SeededConfigMaps.declared(profile), SeededConfigMaps.Ref::toString),
        names(m.configMaps(), c -> c.namespace() + "/" + c.name()));
    try {
      for (Manifest.Bucket b : m.buckets()) {
        intact(name, "buckets/" + b.name(), b.sha256(), BucketSaver.hash(dir.resolve("buckets").resolve(b.name()),
            dir.resolve("buckets").resolve(b.name() + ".objects.ndjson")));
      }
      for (Manifest.Table t : m.tables()) {
        intact(name, "tables/" + t.name() + ".ndjson", t.sha256(), Hashes.file(dir.resolve("tables").resolve(t.name() + ".ndjson")));
      }
      for (Manifest.ConfigMap c : m.configMaps()) {
        String where = ConfigMapFiles.DIR + "/" + c.namespace() + "/" + c.name();
        intact(name, where, c.sha256(), Hashes.tree(ConfigMapFiles.dir(dir, c.namespace(), c.name())));
      }
      for (Manifest.Queue q : m.queues()) {
        intact(name, "queues/" + q.name() + ".ndjson", q.sha256(), Hashes.file(dir.resolve("queues").resolve(q.name() + ".ndjson")));
      }
    } catch (IOException e) {
      throw refused(name, "a file is missing or unreadable (" + e.getMessage() + ")");
    }
    for (Manifest.Table t : m.tables()) {
      TableKeys now;
      try {
        now = TableKeys.of(aws.dynamo().describeTable(r -> r.tableName(t.name())).table());
      } catch (ResourceNotFoundException e) {
        throw refused(name, "table " + t.name() + " does not exist; run 'devenv up' first");
      }
      if (!now.types().equals(t.keys())) {
        throw refused(name, "table " + t.name() + " is now keyed " + describe(now.types()) + " but its items were saved keyed "
            + describe(t.keys()));
      }
    }
  }

  private static void same(String name, String kind, Set<String> declared, Set<String> saved) {
    if (!declared.equals(saved)) {
      Set<String> missing = new TreeSet<>(declared);
      missing.removeAll(saved);
      Set<String> extra = new TreeSet<>(saved);
      extra.removeAll(declared);
      throw refused(name, "the profile's " + kind + " changed since it was saved"
          + (missing.isEmpty() ? "" : " (not in the checkpoint: " + String.join(", ", missing) + ")")
          + (extra.isEmpty() ? "" : " (no longer declared: " + String.join(", ", extra) + ")"));
    }
  }

  private static void intact(String name, String file, String expected, String actual) {
    if (!actual.equals(expected)) {
      throw refused(name, file + " does not match the hash in its manifest (changed or damaged)");
    }
  }

  private static <T> Set<String> names(List<T> list, Function<T, String> name) {
    Set<String> names = new TreeSet<>();
    list.forEach(t -> names.add(name.apply(t)));
    return names;
  }

  private static String describe(Map<String, String> keys) {
    StringBuilder sb = new StringBuilder("(");
    keys.forEach((k, v) -> sb.append(sb.length() > 1 ? ", " : "").append(k).append(' ').append(v));
    return sb.append(')').toString();
  }

  static DevenvException refused(String name, String why) {
    return DevenvException.invalid("checkpoint " + name + " not restored, nothing changed: " + why);
  }
}
