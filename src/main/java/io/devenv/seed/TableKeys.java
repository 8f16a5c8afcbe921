package io.devenv.seed;

import io.devenv.profile.TableSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * The key attributes of a table with their types (S, N or B), in key order: what every item
 * written to it must have.
 */
public record TableKeys(String table, Map<String, String> types) {

  public static TableKeys of(TableDescription table) {
    Map<String, String> defined = new LinkedHashMap<>();
    table.attributeDefinitions().forEach(a -> defined.put(a.attributeName(), a.attributeTypeAsString()));
    Map<String, String> keys = new LinkedHashMap<>();
    table.keySchema().stream().filter(k -> k.keyType() == KeyType.HASH)
        .forEach(k -> keys.put(k.attributeName(), defined.get(k.attributeName())));
    table.keySchema().stream().filter(k -> k.keyType() == KeyType.RANGE)
        .forEach(k -> keys.put(k.attributeName(), defined.get(k.attributeName())));
    return new TableKeys(table.tableName(), keys);
  }

  /** The keys as the profile declares them, for checks that run without AWS. */
  public static TableKeys of(TableSpec spec) {
    Map<String, String> keys = new LinkedHashMap<>();
    keys.put(spec.partitionKey().name(), spec.partitionKey().type().name());
    if (spec.sortKey() != null) {
      keys.put(spec.sortKey().name(), spec.sortKey().type().name());
    }
    return new TableKeys(spec.name(), keys);
  }
}
