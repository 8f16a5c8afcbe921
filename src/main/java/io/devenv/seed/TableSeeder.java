package io.devenv.seed;

import io.devenv.aws.AwsClients;
import io.devenv.core.DevenvException;
import io.devenv.profile.Origin;
import io.devenv.profile.SeedSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
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
 * The file is streamed, twice (check, then write): memory holds the batches in flight and about
 * 40 bytes per distinct key ({@link KeyIndex}), never the items.
 */
final class TableSeeder extends LedgeredTarget {
  static final int BATCH = 25;
  static final java.time.Duration CHECKPOINT_INTERVAL = java.time.Duration.ofSeconds(1);

  /** Superseded records' ids a unit carries at most, when their keys' last records are far below. */
  static final int MAX_IDS_PER_UNIT = 5000;

  private final SeedSpec.TableSeed seed;
  private TableKeys keys;
  private ItemConverter converter;
  private final KeyIndex index = new KeyIndex();
  private final java.security.MessageDigest keyDigest = SeedFingerprint.sha256();
  /** On reset: the keys of items the table has and the file has not, deleted by {@link #clear}. */
  private final List<Map<String, AttributeValue>> stale = new ArrayList<>();
  private boolean reset;
  private FileStamp stamp;

  /** The table's keys when known without asking (an emulator known empty, the table made from the profile), else null. */
  private final TableKeys declared;

  TableSeeder(AwsClients aws, SeedSpec.TableSeed seed, SeedLedger ledger) {
    this(aws, seed, ledger, null);
  }

  TableSeeder(AwsClients aws, SeedSpec.TableSeed seed, SeedLedger ledger, TableKeys declared) {
    super("table", seed.table(), aws, ledger);
    this.seed = seed;
    this.declared = declared;
  }

  /**
   * Reads the file once, streamed: converts and checks every item (a bad line fails the run before
   * anything is written) and keeps per key only what {@link KeyIndex} holds; on reset, then scans
   * the table page by page and compares digests. The file is read again to write ({@link #produce}).
   */
  @Override
  void prepare(boolean reset) {
    this.reset = reset;
    keys = declared != null && !reset ? declared : TableKeys.of(describeTable());
    converter = new ItemConverter(keys, seed.from());
    openEntry();
    stamp = FileStamp.of(seed.from());
    int[] ordinal = {0};
    SeedFileReader.stream(seed.from(), record -> {
      Map<String, AttributeValue> item = converter.convert(record);
      long[] key = keyDigest(item);
      index.record(key[0], key[1], ordinal[0]++, reset ? ItemDigest.of(item) : 0, !reset && entry.contains(record.id()));
    });
    total = ordinal[0];
    if (reset) {
      compareWithTable();
    } else {
      index.markSameWhereKnown();
    }
    skipped = index.sameRecords();
  }

  private TableDescription describeTable() {
    try {
      return aws.dynamo().describeTable(r -> r.tableName(seed.table())).table();
    } catch (ResourceNotFoundException e) {
      // A file that is not JSON is said before a missing table, as when the file was read first.
      SeedFileReader.count(seed.from());
      throw DevenvException.invalid(where() + ": table " + seed.table() + " does not exist: declare it under aws.tables");
    }
  }

  /** Marks the keys whose item the table holds as the file gives it; notes the table's keys the file lacks. */
  private void compareWithTable() {
    Map<String, AttributeValue> last = null;
    do {
      Map<String, AttributeValue> start = last;
      var page = aws.dynamo().scan(r -> r.tableName(seed.table()).consistentRead(true).exclusiveStartKey(start));
      for (Map<String, AttributeValue> item : page.items()) {
        long[] key = keyDigest(item);
        int slot = index.find(key[0], key[1]);
        if (slot < 0) {
          stale.add(keyAttributes(item));
        } else if (index.itemDigest(slot) == ItemDigest.of(item)) {
          index.markSame(slot);
        }
      }
      last = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
    } while (last != null);
  }

  /** 128 bits of SHA-256 of the item's key: two keys that differ never meet in practice. */
  private long[] keyDigest(Map<String, AttributeValue> item) {
    keyDigest.reset();
    byte[] d = keyDigest.digest(keyOf(item).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    long high = 0;
    long low = 0;
    for (int i = 0; i < 8; i++) {
      high = (high << 8) | (d[i] & 0xff);
      low = (low << 8) | (d[i + 8] & 0xff);
    }
    return new long[] {high, low};
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
   * not in the file are deleted, items that differ are written, identical ones are left alone
   * (their records go back into the emptied ledger as the file is read again).
   */
  @Override
  void clear() {
    for (int i = 0; i < stale.size(); i += BATCH) {
      write(stale.subList(i, Math.min(stale.size(), i + BATCH)).stream()
          .map(k -> WriteRequest.builder().deleteRequest(d -> d.key(k)).build()).toList());
    }
    stale.clear();
    entry.clear();
  }

  private Map<String, AttributeValue> keyAttributes(Map<String, AttributeValue> item) {
    Map<String, AttributeValue> key = new HashMap<>();
    keys.types().keySet().forEach(k -> key.put(k, item.get(k)));
    return key;
  }

  @Override
  boolean streamed() {
    return true;
  }

  /**
   * Reads the file again and hands out batches of 25 items as it goes: each key's last record is
   * written, the records before it ride along in the ledger, keys left alone are only counted.
   */
  @Override
  void produce(Units units) {
    if (!reset && index.keysToWrite() == 0) {
      return;
    }
    stamp.check(seed.from());
    Batch[] batch = {new Batch()};
    int[] ordinal = {0};
    SeedFileReader.stream(seed.from(), record -> {
      int position = ordinal[0]++;
      Map<String, AttributeValue> item = converter.convert(record);
      long[] key = keyDigest(item);
      int slot = index.find(key[0], key[1]);
      if (slot < 0 || index.last(slot) < position) {
        throw DevenvException.invalid(Origin.display(seed.from()) + ": changed while it was being loaded; run devenv seed again");
      }
      if (index.same(slot)) {
        entry.add(record.id()); // a reset emptied the ledger; without one it holds the id already
        return;
      }
      batch[0].ids.add(record.id());
      if (index.last(slot) == position) {
        batch[0].items.add(item);
        batch[0].bytes += ItemDigest.size(item);
      }
      if (batch[0].items.size() == BATCH || batch[0].ids.size() >= MAX_IDS_PER_UNIT) {
        hand(units, batch[0]);
        batch[0] = new Batch();
      }
    });
    if (!batch[0].ids.isEmpty()) {
      hand(units, batch[0]);
    }
  }

  /** Up to 25 items to put, and the ids of the file's records they stand for. */
  private static final class Batch {
    final List<Map<String, AttributeValue>> items = new ArrayList<>();
    final List<Long> ids = new ArrayList<>();
    long bytes;
  }

  private void hand(Units units, Batch batch) {
    units.add(() -> {
      if (!batch.items.isEmpty()) {
        write(batch.items.stream().map(item -> WriteRequest.builder().putRequest(r -> r.item(item)).build()).toList());
      }
      entry.add(batch.ids);
      loaded.addAndGet(batch.ids.size());
      // A lost table record costs only rewriting identical items: keep its writes rare.
      entry.flushIfDue(CHECKPOINT_INTERVAL);
    }, batch.bytes);
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
