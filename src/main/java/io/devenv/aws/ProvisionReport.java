package io.devenv.aws;

import io.devenv.aws.ResourceResult.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link AwsProvisioner#provision} did: one result per declared resource, in profile order
 * by kind.
 */
public record ProvisionReport(List<ResourceResult> results, Duration elapsed) {

  /** The order kinds are reported in. */
  public static final List<String> KINDS = List.of("bucket", "queue", "topic", "table", "stream", "secret", "parameter");

  public ProvisionReport {
    results = List.copyOf(results);
  }

  /** How many resources of one kind (or of all kinds, for null) had each outcome. */
  public Counts counts(String kind) {
    int created = 0;
    int updated = 0;
    int upToDate = 0;
    int drifted = 0;
    for (ResourceResult r : results) {
      if (kind != null && !kind.equals(r.kind())) {
        continue;
      }
      switch (r.outcome()) {
        case CREATED -> created++;
        case UPDATED -> updated++;
        case UP_TO_DATE -> upToDate++;
        case DRIFTED -> drifted++;
      }
    }
    return new Counts(created, updated, upToDate, drifted);
  }

  /** Per kind, in {@link #KINDS} order, only kinds the profile declares. */
  public Map<String, Counts> byKind() {
    Map<String, Counts> map = new LinkedHashMap<>();
    for (String kind : KINDS) {
      Counts c = counts(kind);
      if (c.total() > 0) {
        map.put(kind, c);
      }
    }
    return map;
  }

  public Counts total() {
    return counts(null);
  }

  /** One line per difference between an existing resource and the profile. */
  public List<String> driftLines() {
    List<String> lines = new ArrayList<>();
    results.stream().filter(r -> r.outcome() == Outcome.DRIFTED).forEach(r -> lines.addAll(r.driftLines()));
    return lines;
  }

  /** Whether this run changed nothing: every resource was already as declared. */
  public boolean changedNothing() {
    Counts t = total();
    return t.created() == 0 && t.updated() == 0;
  }

  /** The outcome of one resource, or null when the profile does not declare it. */
  public ResourceResult result(String kind, String name) {
    return results.stream().filter(r -> r.kind().equals(kind) && r.name().equals(name)).findFirst().orElse(null);
  }

  /** "3 created, 2 up to date, 1 drifted". */
  public String summary() {
    return total().toString();
  }

  /** How many resources had each outcome. */
  public record Counts(int created, int updated, int upToDate, int drifted) {

    public int total() {
      return created + updated + upToDate + drifted;
    }

    @Override
    public String toString() {
      List<String> parts = new ArrayList<>();
      if (created > 0) {
        parts.add(created + " created");
      }
      if (updated > 0) {
        parts.add(updated + " updated");
      }
      if (upToDate > 0 || total() == 0) {
        parts.add(upToDate + " up to date");
      }
      if (drifted > 0) {
        parts.add(drifted + " drifted");
      }
      return String.join(", ", parts);
    }
  }
}
