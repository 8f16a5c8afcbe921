package io.devenv.profile;

import java.util.List;

@Doc("A DynamoDB table (on-demand capacity).")
public record TableSpec(
    Origin origin,
    @Doc("The table name (3-255 characters: letters, digits, `_`, `-`, `.`).") @Required String name,
    @Doc("The partition (hash) key.") @Required KeyAttribute partitionKey,
    @Doc("The sort (range) key.") KeyAttribute sortKey,
    @Doc("Global secondary indexes.") List<Index> indexes,
    @Doc("The attribute holding each item's expiry time (epoch seconds).") String ttl,
    @Doc("Turn on a DynamoDB stream with this view.") StreamView stream) {

  @Doc("A key attribute of a table or index.")
  public record KeyAttribute(
      @Doc("The attribute name.") @Required String name,
      @Doc("Its type.") @Default("S") AttributeType type) {}

  @Doc("A global secondary index.")
  public record Index(
      @Doc("The index name (3-255 characters: letters, digits, `_`, `-`, `.`).") @Required String name,
      @Doc("The index's partition key.") @Required KeyAttribute partitionKey,
      @Doc("The index's sort key.") KeyAttribute sortKey,
      @Doc("Which attributes the index holds.") @Default("ALL") Projection projection) {}

  /** DynamoDB key attribute types. */
  public enum AttributeType {
    S, N, B
  }

  /** GSI projections. */
  public enum Projection {
    ALL, KEYS_ONLY
  }

  /** What a DynamoDB stream record carries. */
  public enum StreamView {
    NEW_IMAGE, OLD_IMAGE, NEW_AND_OLD_IMAGES, KEYS_ONLY
  }
}
