package io.devenv.checkpoint;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.devenv.core.DevenvException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a checkpoint holds, written last as {@code manifest.json}: which profile it came from,
 * which devenv wrote it, when, and per resource the count of records and the SHA-256 of the data,
 * so a restore can refuse a checkpoint that does not fit before it empties anything.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Manifest(int format, String profile, String devenvVersion, String created, List<Bucket> buckets,
    List<Table> tables, List<Queue> queues, List<Value> secrets, List<Value> parameters, List<ConfigMap> configMaps) {

  public static final int FORMAT = 1;
  static final String FILE = "manifest.json";
  static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  /** One JSON document per line, for the NDJSON data files. */
  static final com.fasterxml.jackson.databind.ObjectWriter LINE = new ObjectMapper().writer();

  public Manifest {
    buckets = buckets == null ? List.of() : List.copyOf(buckets);
    tables = tables == null ? List.of() : List.copyOf(tables);
    queues = queues == null ? List.of() : List.copyOf(queues);
    secrets = secrets == null ? List.of() : List.copyOf(secrets);
    parameters = parameters == null ? List.of() : List.copyOf(parameters);
    configMaps = configMaps == null ? List.of() : List.copyOf(configMaps);
  }

  /** A bucket's objects: the tree {@code buckets/NAME/}, their properties in {@code buckets/NAME.objects.ndjson}. */
  public record Bucket(String name, int objects, long bytes, String sha256) {}

  /** A table's items in {@code tables/NAME.ndjson} (DynamoDB JSON); {@code keys}: key attribute to type, in key order. */
  public record Table(String name, Map<String, String> keys, int items, String sha256) {}

  /** A queue's messages in {@code queues/NAME.ndjson}; {@code notSaved}: in flight or delayed when it was saved. */
  public record Queue(String name, boolean fifo, int messages, int notSaved, String sha256) {}

  /** A secret or parameter, its value in {@code secrets.ndjson} or {@code parameters.ndjson}. */
  public record Value(String name, String sha256) {}

  /**
   * A seeded ConfigMap's data, one file per key under {@code configmaps/NAMESPACE/NAME/};
   * {@code binaryKeys}: the keys held under {@code binaryData}.
   */
  public record ConfigMap(String namespace, String name, int keys, List<String> binaryKeys, String sha256) {
    public ConfigMap {
      binaryKeys = binaryKeys == null ? List.of() : List.copyOf(binaryKeys);
    }
  }

  public int objects() {
    return buckets.stream().mapToInt(Bucket::objects).sum();
  }

  public int items() {
    return tables.stream().mapToInt(Table::items).sum();
  }

  public int messages() {
    return queues.stream().mapToInt(Queue::messages).sum();
  }

  /** "1,000 objects, 10,000 items, 1,000 messages, 2 secrets, 2 parameters". */
  public String summary() {
    String s = objects() + " objects, " + items() + " items, " + messages() + " messages, " + secrets.size() + " secrets, "
        + parameters.size() + " parameters";
    return configMaps.isEmpty() ? s : s + ", " + configMaps.size() + " ConfigMaps";
  }

  void write(Path dir) throws IOException {
    Files.write(dir.resolve(FILE), JSON.writeValueAsBytes(this));
  }

  static Manifest read(Path dir, String name) {
    Path file = dir.resolve(FILE);
    try {
      Manifest m = JSON.readValue(file.toFile(), Manifest.class);
      if (m.format() > FORMAT) {
        throw DevenvException.invalid("checkpoint " + name + " was written by a newer devenv (" + m.devenvVersion()
            + ", format " + m.format() + "); upgrade devenv to restore it");
      }
      return m;
    } catch (IOException e) {
      throw DevenvException.invalid("checkpoint " + name + " has no readable " + FILE + " (" + e.getMessage().lines().findFirst().orElse("")
          + "); remove it with 'devenv checkpoint rm " + name + "'");
    }
  }
}
