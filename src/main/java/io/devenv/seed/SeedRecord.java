package io.devenv.seed;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One item or message of a seed file.
 *
 * @param line where it starts in the file (from 1), for error messages
 * @param node its JSON
 * @param id its identity: a hash of its content and of how many identical records precede it
 *     in the file, so that identical lines are still distinct records
 */
public record SeedRecord(int line, JsonNode node, long id) {}
