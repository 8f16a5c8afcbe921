package io.devenv.profile;

@Doc("A Kinesis data stream.")
public record StreamSpec(
    Origin origin,
    @Doc("The stream name (1-128 characters: letters, digits, `_`, `-`, `.`).") @Required String name,
    @Doc("The number of shards.") @Default("1") int shards) {}
