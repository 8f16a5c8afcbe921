package io.devenv.profile;

import java.nio.file.Path;
import java.util.List;

@Doc("Data loaded once the resources exist.")
public record SeedSpec(
    @Doc("Directory trees uploaded to buckets.") List<BucketSeed> buckets,
    @Doc("Items written to tables.") List<TableSeed> tables,
    @Doc("Messages sent to queues.") List<QueueSeed> queues,
    @Doc("ConfigMaps made from directories.") List<ConfigMapSeed> configMaps) {

  @Doc("A directory tree uploaded to a bucket; keys are relative paths.")
  public record BucketSeed(
      Origin origin,
      @Doc("The bucket (declared in this profile).") @Required String bucket,
      @Doc("The directory.") @Required @Exists(Exists.Kind.DIRECTORY) Path from,
      @Doc("Prepended to every key.") @Default("\"\"") String prefix,
      @Doc("An NDJSON file of object properties, one line per key relative to `from`: {key, contentType?,"
          + " metadata?, cacheControl?, contentEncoding?, contentDisposition?, contentLanguage?}; what `devenv"
          + " checkpoint export` writes. Objects it does not list get a Content-Type from their extension.")
          @Exists(Exists.Kind.FILE) Path objects) {

    public BucketSeed(Origin origin, String bucket, Path from, String prefix) {
      this(origin, bucket, from, prefix, null);
    }
  }

  @Doc("Items written to a table.")
  public record TableSeed(
      Origin origin,
      @Doc("The table (declared in this profile).") @Required String table,
      @Doc("A JSON array or NDJSON file of items (plain JSON or DynamoDB JSON).") @Required @Exists(Exists.Kind.FILE) Path from) {}

  @Doc("Messages sent to a queue.")
  public record QueueSeed(
      Origin origin,
      @Doc("The queue (declared in this profile).") @Required String queue,
      @Doc("An NDJSON file, one message a line: {body, attributes?, groupId?, deduplicationId?}; an attribute is a"
          + " string, a number, or {dataType, stringValue | binaryValue (base64)}.") @Required @Exists(Exists.Kind.FILE) Path from) {}

  @Doc("A ConfigMap made from a directory, one key per file.")
  public record ConfigMapSeed(
      Origin origin,
      @Doc("The ConfigMap name.") @Required String name,
      @Doc("Its namespace; defaults to `kubernetes.namespace`.") String namespace,
      @Doc("The directory.") @Required @Exists(Exists.Kind.DIRECTORY) Path from) {}
}
