package io.devenv.aws;

import io.devenv.profile.TableSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.Tag;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/**
 * Creates a DynamoDB table (on-demand) with its indexes, stream, TTL and tag, and waits until it
 * is ACTIVE.
 *
 * <p>Compared on an existing table: the key schema and key types, each declared index (keys and
 * projection), the stream view when declared, and the TTL attribute when declared.
 */
final class TableProvisioner {
  static final Duration ACTIVE_TIMEOUT = Duration.ofMinutes(2);

  private final AwsClients aws;
  private final String profileName;
  /** The emulator is known to hold nothing yet: create without asking first ({@link AwsProvisioner#onEmptyEmulator}). */
  private final boolean empty;

  TableProvisioner(AwsClients aws, String profileName) {
    this(aws, profileName, false);
  }

  TableProvisioner(AwsClients aws, String profileName, boolean empty) {
    this.aws = aws;
    this.profileName = profileName;
    this.empty = empty;
  }

  ResourceResult ensure(TableSpec spec) {
    Change change = new Change("table", spec.name());
    TableDescription created = empty ? AwsErrors.unlessThere(() -> create(spec)) : null;
    if (created == null) {
      Optional<TableDescription> existing = describe(spec.name());
      if (existing.isPresent()) {
        TableDescription table = existing.get().tableStatus() == TableStatus.ACTIVE ? existing.get() : waitActive(spec.name());
        compare(spec, table, change);
        ttl(spec, change);
        return change.result();
      }
      created = create(spec);
    }
    change.created();
    // An emulator that answers ACTIVE at once (MiniStack, LocalStack) needs no waiting.
    if (created.tableStatus() != TableStatus.ACTIVE) {
      waitActive(spec.name());
    }
    ttl(spec, change);
    return change.result();
  }

  /** Creates the table; returns its description as the create answered it (empty if none). */
  private TableDescription create(TableSpec spec) {
    DynamoDbClient dynamo = aws.dynamo();
    TableDescription answer = dynamo.createTable(r -> {
        r.tableName(spec.name())
            .billingMode(BillingMode.PAY_PER_REQUEST)
            .attributeDefinitions(attributeDefinitions(spec))
            .keySchema(keySchema(spec.partitionKey(), spec.sortKey()))
            .tags(Tag.builder().key(Tags.PROFILE).value(profileName).build());
        if (!spec.indexes().isEmpty()) {
          r.globalSecondaryIndexes(spec.indexes().stream().map(TableProvisioner::index).toList());
        }
        if (spec.stream() != null) {
          r.streamSpecification(s -> s.streamEnabled(true).streamViewType(spec.stream().name()));
        }
    }).tableDescription();
    return answer == null ? TableDescription.builder().build() : answer;
  }

  private Optional<TableDescription> describe(String name) {
    try {
      return Optional.of(aws.dynamo().describeTable(r -> r.tableName(name)).table());
    } catch (ResourceNotFoundException e) {
      return Optional.empty();
    }
  }

  private TableDescription waitActive(String name) {
    return aws.dynamo().waiter().waitUntilTableExists(r -> r.tableName(name),
            w -> w.waitTimeout(ACTIVE_TIMEOUT).backoffStrategyV2(BackoffStrategy.fixedDelay(Duration.ofMillis(200))))
        .matched().response().orElseThrow(() -> new IllegalStateException("table " + name + " did not become ACTIVE"))
        .table();
  }

  private void compare(TableSpec spec, TableDescription table, Change change) {
    Map<String, String> types = new LinkedHashMap<>();
    table.attributeDefinitions().forEach(a -> types.put(a.attributeName(), a.attributeTypeAsString()));
    String actualKeys = describeKeys(table.keySchema(), types);
    String wantedKeys = describeKeys(keySchema(spec.partitionKey(), spec.sortKey()), declaredTypes(spec));
    if (!actualKeys.equals(wantedKeys)) {
      change.drift("key schema", actualKeys, wantedKeys);
    }
    Map<String, GlobalSecondaryIndexDescription> indexes = new LinkedHashMap<>();
    if (table.hasGlobalSecondaryIndexes()) {
      table.globalSecondaryIndexes().forEach(i -> indexes.put(i.indexName(), i));
    }
    for (TableSpec.Index index : spec.indexes()) {
      GlobalSecondaryIndexDescription have = indexes.get(index.name());
      if (have == null) {
        change.drift("index " + index.name() + " is missing (devenv does not add indexes to an existing table)");
        continue;
      }
      String actual = describeKeys(have.keySchema(), types) + " " + have.projection().projectionTypeAsString();
      String wanted = describeKeys(keySchema(index.partitionKey(), index.sortKey()), declaredTypes(spec)) + " "
          + index.projection().name();
      if (!actual.equals(wanted)) {
        change.drift("index " + index.name(), actual, wanted);
      }
    }
    if (spec.stream() != null) {
      StreamSpecification stream = table.streamSpecification();
      String actual = stream == null || !Boolean.TRUE.equals(stream.streamEnabled()) ? "off" : stream.streamViewTypeAsString();
      if (!spec.stream().name().equals(actual)) {
        change.drift("stream", actual, spec.stream().name());
      }
    }
  }

  private void ttl(TableSpec spec, Change change) {
    if (spec.ttl() == null || spec.ttl().isBlank()) {
      return;
    }
    TimeToLiveDescription ttl = change.isCreated()
        ? null
        : aws.dynamo().describeTimeToLive(r -> r.tableName(spec.name())).timeToLiveDescription();
    boolean on = ttl != null && (ttl.timeToLiveStatus() == TimeToLiveStatus.ENABLED
        || ttl.timeToLiveStatus() == TimeToLiveStatus.ENABLING);
    if (!on) {
      aws.dynamo().updateTimeToLive(r -> r.tableName(spec.name())
          .timeToLiveSpecification(t -> t.enabled(true).attributeName(spec.ttl())));
      change.changed("TTL on " + spec.ttl() + " enabled");
    } else if (!spec.ttl().equals(ttl.attributeName())) {
      change.drift("TTL attribute", ttl.attributeName(), spec.ttl());
    }
  }

  static List<AttributeDefinition> attributeDefinitions(TableSpec spec) {
    Map<String, String> types = declaredTypes(spec);
    List<AttributeDefinition> list = new ArrayList<>();
    types.forEach((name, type) -> list.add(AttributeDefinition.builder().attributeName(name).attributeType(type).build()));
    return list;
  }

  /** Every key attribute of the table and its indexes with its type, each once. */
  static Map<String, String> declaredTypes(TableSpec spec) {
    Map<String, String> types = new LinkedHashMap<>();
    List<TableSpec.KeyAttribute> keys = new ArrayList<>();
    keys.add(spec.partitionKey());
    keys.add(spec.sortKey());
    spec.indexes().forEach(i -> {
      keys.add(i.partitionKey());
      keys.add(i.sortKey());
    });
    keys.stream().filter(Objects::nonNull).forEach(k -> types.putIfAbsent(k.name(), k.type().name()));
    return types;
  }

  static List<KeySchemaElement> keySchema(TableSpec.KeyAttribute partition, TableSpec.KeyAttribute sort) {
    List<KeySchemaElement> list = new ArrayList<>();
    list.add(KeySchemaElement.builder().attributeName(partition.name()).keyType(KeyType.HASH).build());
    if (sort != null) {
      list.add(KeySchemaElement.builder().attributeName(sort.name()).keyType(KeyType.RANGE).build());
    }
    return list;
  }

  private static GlobalSecondaryIndex index(TableSpec.Index index) {
    return GlobalSecondaryIndex.builder()
        .indexName(index.name())
        .keySchema(keySchema(index.partitionKey(), index.sortKey()))
        .projection(p -> p.projectionType(index.projection() == TableSpec.Projection.KEYS_ONLY
            ? ProjectionType.KEYS_ONLY : ProjectionType.ALL))
        .build();
  }

  private static String describeKeys(List<KeySchemaElement> keys, Map<String, String> types) {
    List<String> parts = new ArrayList<>();
    for (KeySchemaElement k : keys) {
      parts.add(k.keyTypeAsString() + " " + k.attributeName() + ":" + types.getOrDefault(k.attributeName(), "?"));
    }
    return String.join(", ", parts);
  }
}
