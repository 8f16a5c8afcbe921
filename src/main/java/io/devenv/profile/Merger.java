package io.devenv.profile;

import io.devenv.profile.yaml.YamlNode;
import io.devenv.profile.yaml.YamlNode.Entry;
import io.devenv.profile.yaml.YamlNode.Mapping;
import io.devenv.profile.yaml.YamlNode.Sequence;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges a profile over the profiles it extends: maps key by key (the extending file wins), lists
 * of named things by name (entries with the same name merge as maps), other lists replaced.
 */
final class Merger {

  /** Lists merged by identity, keyed by their path; the value names the identifying keys. */
  private static final Map<String, List<String>> NAMED_LISTS = Map.ofEntries(
      Map.entry("aws.buckets", List.of("name")),
      Map.entry("aws.queues", List.of("name")),
      Map.entry("aws.topics", List.of("name")),
      Map.entry("aws.tables", List.of("name")),
      Map.entry("aws.streams", List.of("name")),
      Map.entry("aws.secrets", List.of("name")),
      Map.entry("aws.parameters", List.of("name")),
      Map.entry("aws.terraform", List.of("path")),
      Map.entry("kubernetes.charts", List.of("release")),
      Map.entry("kubernetes.portForwards", List.of("service")),
      Map.entry("seed.buckets", List.of("bucket", "prefix")),
      Map.entry("seed.tables", List.of("table")),
      Map.entry("seed.queues", List.of("queue")),
      Map.entry("seed.configMaps", List.of("name", "namespace")));

  private Merger() {}

  static Mapping merge(Mapping base, Mapping over) {
    return mergeMaps(base, over, "");
  }

  /** The path-keyed identity lists, for the reference documentation. */
  static Map<String, List<String>> namedLists() {
    return NAMED_LISTS;
  }

  private static YamlNode mergeNodes(YamlNode base, YamlNode over, String path) {
    if (base instanceof Mapping b && over instanceof Mapping o) {
      return mergeMaps(b, o, path);
    }
    List<String> identity = NAMED_LISTS.get(path);
    if (identity != null && base instanceof Sequence b && over instanceof Sequence o) {
      return mergeNamed(b, o, identity, path);
    }
    return over;
  }

  private static Mapping mergeMaps(Mapping base, Mapping over, String path) {
    Map<String, Entry> merged = new LinkedHashMap<>(base.entries());
    over.entries().forEach((key, entry) -> {
      Entry earlier = merged.get(key);
      String childPath = path.isEmpty() ? key : path + "." + key;
      if (earlier != null && entry.value() instanceof YamlNode.Scalar s && s.isNull()) {
        return; // an empty key ("seed:") adds nothing; it does not erase what is inherited
      }
      YamlNode value = earlier == null ? entry.value() : mergeNodes(earlier.value(), entry.value(), childPath);
      merged.put(key, new Entry(entry.keyOrigin(), value));
    });
    return new Mapping(over.origin(), merged);
  }

  private static Sequence mergeNamed(Sequence base, Sequence over, List<String> identity, String path) {
    List<YamlNode> result = new ArrayList<>(base.items());
    // only inherited items are merged into: a name written twice in one file stays twice, and is reported
    List<YamlNode> inherited = base.items();
    for (YamlNode item : over.items()) {
      int index = indexOf(inherited, identityOf(item, identity), identity);
      if (index < 0) {
        result.add(item);
      } else {
        result.set(index, mergeNodes(result.get(index), item, path + "[]"));
      }
    }
    return new Sequence(over.origin(), result);
  }

  private static int indexOf(List<YamlNode> items, List<String> id, List<String> keys) {
    if (id == null) {
      return -1;
    }
    for (int i = 0; i < items.size(); i++) {
      if (id.equals(identityOf(items.get(i), keys))) {
        return i;
      }
    }
    return -1;
  }

  private static List<String> identityOf(YamlNode item, List<String> keys) {
    if (!(item instanceof Mapping m)) {
      return null;
    }
    List<String> id = new ArrayList<>();
    for (String key : keys) {
      YamlNode value = m.get(key);
      id.add(value instanceof YamlNode.Scalar s && !s.isNull() ? s.text() : "");
    }
    return id.get(0).isEmpty() ? null : id;
  }
}
