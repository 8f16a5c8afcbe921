package io.devenv.profile;

import io.devenv.profile.yaml.YamlNode;
import io.devenv.profile.yaml.YamlNode.Mapping;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Where each bound record and each of its keys was written. Filled by the {@link Binder}, read by
 * the {@link Validator}, so that a rule broken by one key points at that key's line and column,
 * even in records that carry no {@link Origin} of their own (a dead-letter queue, an index).
 */
final class Locations {

  private final Map<Object, Mapping> written = new IdentityHashMap<>();

  void put(Object record, Mapping map) {
    written.put(record, map);
  }

  /** Where the record's map starts; for a record made from Terraform, its resource block. */
  Origin of(Object record) {
    Mapping map = written.get(record);
    return map == null ? ownOrigin(record) : map.origin();
  }

  /** Whether the record was bound from the profile's YAML (not made from Terraform). */
  boolean isBound(Object record) {
    return written.containsKey(record);
  }

  private static Origin ownOrigin(Object record) {
    if (record instanceof Record r) {
      for (var c : r.getClass().getRecordComponents()) {
        if (c.getType() == Origin.class) {
          try {
            return (Origin) c.getAccessor().invoke(r);
          } catch (ReflectiveOperationException e) {
            return Origin.NONE;
          }
        }
      }
    }
    return Origin.NONE;
  }

  /** Where the value of {@code key} was written; where the record starts if the key was left out. */
  Origin of(Object record, String key) {
    Mapping map = written.get(record);
    if (map == null) {
      return ownOrigin(record);
    }
    YamlNode value = map.get(key);
    return value == null ? map.origin() : value.origin();
  }

  /** Whether the profile wrote {@code key} in this record (even with a value that failed to bind). */
  boolean isWritten(Object record, String key) {
    Mapping map = written.get(record);
    YamlNode value = map == null ? null : map.get(key);
    return value != null && !(value instanceof YamlNode.Scalar s && s.isNull());
  }
}
