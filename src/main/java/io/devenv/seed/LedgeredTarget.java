package io.devenv.seed;

import io.devenv.aws.AwsClients;

/**
 * A target whose records are counted in the emulator's {@link SeedLedger} (a table file, a queue
 * file): a resumed run skips what the ledger holds, and the ledger is written once the work ends.
 */
abstract class LedgeredTarget extends SeedTarget {
  final AwsClients aws;
  private final SeedLedger ledger;
  /** This target's records in the ledger; opened by {@link #openEntry} during prepare. */
  SeedLedger.Entry entry;

  LedgeredTarget(String kind, String name, AwsClients aws, SeedLedger ledger) {
    super(kind, name);
    this.aws = aws;
    this.ledger = ledger;
  }

  void openEntry() {
    entry = ledger.open(kind, name);
  }

  @Override
  void finish() {
    entry.flushAll();
  }
}
