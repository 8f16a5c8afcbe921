package io.devenv.checkpoint;

import io.devenv.core.Progress;
import io.devenv.seed.TableKeys;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * Writes every item of a table to an NDJSON file of DynamoDB JSON, page by page as the scan
 * returns them: the table is never held in memory, whatever its size.
 */
final class TableSaver {
  private static final int PROGRESS_EVERY = 10_000;

  private final DynamoDbClient dynamo;
  private final Progress progress;

  TableSaver(DynamoDbClient dynamo, Progress progress) {
    this.dynamo = dynamo;
    this.progress = progress;
  }

  Manifest.Table save(String table, Path file) throws IOException {
    TableKeys keys = TableKeys.of(dynamo.describeTable(r -> r.tableName(table)).table());
    int items = 0;
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      Map<String, AttributeValue> start = null;
      do {
        Map<String, AttributeValue> from = start;
        ScanResponse page = dynamo.scan(r -> r.tableName(table).consistentRead(true).exclusiveStartKey(from));
        for (Map<String, AttributeValue> item : page.items()) {
          out.write(Manifest.LINE.writeValueAsString(ItemJson.of(item)));
          out.write('\n');
          if (++items % PROGRESS_EVERY == 0) {
            progress.info("  table " + table + ": " + items + " items saved so far");
          }
        }
        start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
      } while (start != null);
    }
    return new Manifest.Table(table, keys.types(), items, Hashes.file(file));
  }
}
