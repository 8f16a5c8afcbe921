package io.devenv.seed;

import io.devenv.aws.AwsClients;
import io.devenv.core.DevenvException;
import io.devenv.profile.Origin;
import io.devenv.profile.SeedSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Writes a JSON array or NDJSON file of items to a DynamoDB table, 25 to a BatchWriteItem, the
 * batches in parallel, retrying unprocessed items with backoff. Every item is checked against
 * the table's keys before anything is written. Items the record says were written are skipped;
 * when two items of the file have the same key, the later one wins, as it would written in order.
 */
final class TableSeeder extends LedgeredTarget {
  static final int BATCH = 25;
  static final java.time.Duration CHECKPOINT_INTERVAL = java.time.Duration.ofSeconds(1);

  private final SeedSpec.TableSeed seed;
  private TableKeys keys;
  private final List<List<Pending>> batches = new ArrayList<>();
  /** On reset: the keys of items the table has and the file has not, deleted by {@link #clear}. */
  private final List<Map<String, AttributeValue>> stale = new ArrayList<>();
  /** The ids of the file's records the table already holds as they are. */
  private final List<Long> unchanged = new ArrayList<>();

  /** An item to write and the ids of the file's records it stands for. */
  private record Pending(Map<String, AttributeValue> item, List<Long> ids) {}

  TableSeeder(AwsClients aws, SeedSpec.TableSeed seed, SeedLedger ledger) {
    super("table", seed.table(), aws, ledger);
    this.seed = seed;
  }

  @Override
  void prepare(boolean reset) {
    List<SeedRecord> records = SeedFileReader.read(seed.from());
    total = records.size();
    TableDescription table;
    try {
      table = aws.dynamo().describeTable(r -> r.tableName(seed.table())).table();
    } catch (ResourceNotFoundException e) {
      throw DevenvException.invalid(where() + ": table " + seed.table() + " does not exist: declare it under aws.tables");
    }
    keys = TableKeys.of(table);
    ItemConverter converter = new ItemConverter(keys, seed.from());
    // Convert everything first: a bad line fails the run before a single item is written.
    Map<String, Pending> byKey = new LinkedHashMap<>();
    Map<String, List<Long>> idsByKey = new HashMap<>();
    for (SeedRecord record : records) {
      Map<String, AttributeValue> item = converter.convert(record);
      String key = keyOf(item);
      idsByKey.computeIfAbsent(key, k -> new ArrayList<>()).add(record.id());
      byKey.remove(key);
      byKey.put(key, new Pending(item, idsByKey.get(key)));
    }
    openEntry();
    Map<String, Map<String, AttributeValue>> current = reset ? current() : Map.of();
    List<Pending> todo = new ArrayList<>();
    for (Pending p : byKey.values()) {
      boolean same = reset ? p.item().equals(current.get(keyOf(p.item()))) : p.ids().stream().allMatch(entry::contains);
      if (same) {
        skipped += p.ids().size();
        unchanged.addAll(p.ids());
      } else {
        todo.add(p);
      }
    }
    current.forEach((key, item) -> {
      if (!byKey.containsKey(key)) {
        stale.add(keyAttributes(item));
      }
    });
    for (int i = 0; i < todo.size(); i += BATCH) {
      batches.add(todo.subList(i, Math.min(todo.size(), i + BATCH)));
    }
  }

  private String keyOf(Map<String, AttributeValue> item) {
    StringBuilder sb = new StringBuilder();
    for (String name : keys.types().keySet()) {
      AttributeValue v = item.get(name);
      sb.append(v.s() != null ? "S" + v.s() : v.n() != null ? "N" + new java.math.BigDecimal(v.n()).stripTrailingZeros()
          : "B" + Base64.getEncoder().encodeToString(v.b().asByteArray())).append('\u0000');
    }
    return sb.toString();
  }

  /**
   * On reset, the table is made to hold exactly the file's items with the fewest writes: items
   * not in the file are deleted, items that differ are written, identical ones are left alone.
   */
  @Override
  void clear() {
    for (int i = 0; i < stale.size(); i += BATCH) {
      write(stale.subList(i, Math.min(stale.size(), i + BATCH)).stream()
          .map(k -> WriteRequest.builder().deleteRequest(d -> d.key(k)).build()).toList());
    }
    entry.clear();
    entry.add(unchanged);
  }

  /** Every item of the table, by key: what a reset compares the file with. */
  private Map<String, Map<String, AttributeValue>> current() {
    Map<String, Map<String, AttributeValue>> items = new HashMap<>();
    Map<String, AttributeValue> last = null;
    do {
      Map<String, AttributeValue> start = last;
      var page = aws.dynamo().scan(r -> r.tableName(seed.table()).consistentRead(true).exclusiveStartKey(start));
      page.items().forEach(item -> items.put(keyOf(item), item));
      last = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
    } while (last != null);
    return items;
  }

  private Map<String, AttributeValue> keyAttributes(Map<String, AttributeValue> item) {
    Map<String, AttributeValue> key = new HashMap<>();
    keys.types().keySet().forEach(k -> key.put(k, item.get(k)));
    return key;
  }

  @Override
  List<Runnable> units() {
    return batches.stream().<Runnable>map(batch -> () -> {
      write(batch.stream().map(p -> WriteRequest.builder().putRequest(r -> r.item(p.item())).build()).toList());
      List<Long> ids = new ArrayList<>();
      batch.forEach(p -> ids.addAll(p.ids()));
      entry.add(ids);
      loaded.addAndGet(ids.size());
      // A lost table record costs only rewriting identical items: keep its writes rare.
      entry.flushIfDue(CHECKPOINT_INTERVAL);
    }).toList();
  }

  /** One BatchWriteItem, and again for what it leaves unprocessed, with backoff. */
  private void write(List<WriteRequest> requests) {
    Map<String, List<WriteRequest>> remaining = Map.of(seed.table(), requests);
    Backoff backoff = new Backoff();
    while (true) {
      Map<String, List<WriteRequest>> send = remaining;
      BatchWriteItemResponse response = aws.dynamo().batchWriteItem(r -> r.requestItems(send));
      if (!response.hasUnprocessedItems() || response.unprocessedItems().isEmpty()) {
        return;
      }
      remaining = response.unprocessedItems();
      if (!backoff.pause()) {
        int left = remaining.values().stream().mapToInt(List::size).sum();
        throw DevenvException.failure("seed table " + seed.table() + ": " + left + " items still unprocessed after "
            + backoff.attempts() + " attempts", null);
      }
    }
  }

  @Override
  String verb() {
    return "written";
  }

  private String where() {
    return seed.origin() == null || seed.origin().file() == null ? Origin.display(seed.from()) : seed.origin().toString();
  }
}
