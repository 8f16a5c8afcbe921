package io.devenv.aws;

import java.util.ArrayList;
import java.util.List;

/** Collects what happened to one resource while it is being provisioned; not thread-safe. */
final class Change {
  private final String kind;
  private final String name;
  private boolean created;
  private final List<String> changes = new ArrayList<>();
  private final List<String> drift = new ArrayList<>();

  Change(String kind, String name) {
    this.kind = kind;
    this.name = name;
  }

  Change created() {
    created = true;
    return this;
  }

  boolean isCreated() {
    return created;
  }

  /** A setting the resource lacked was added. Ignored for a resource created in this run. */
  void changed(String what) {
    if (!created) {
      changes.add(what);
    }
  }

  /** The resource has {@code actual} where the profile says {@code declared}. */
  void drift(String what, Object actual, Object declared) {
    drift.add(what + " is " + actual + ", the profile says " + declared);
  }

  void drift(String text) {
    drift.add(text);
  }

  ResourceResult result() {
    ResourceResult.Outcome outcome;
    if (created) {
      outcome = ResourceResult.Outcome.CREATED;
    } else if (!drift.isEmpty()) {
      outcome = ResourceResult.Outcome.DRIFTED;
    } else if (!changes.isEmpty()) {
      outcome = ResourceResult.Outcome.UPDATED;
    } else {
      outcome = ResourceResult.Outcome.UP_TO_DATE;
    }
    return new ResourceResult(kind, name, outcome, changes, drift);
  }
}
