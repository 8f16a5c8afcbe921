package io.devenv.seed;

import io.devenv.aws.AwsClients;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * The seed ledger's note that the environment's data was restored from a checkpoint: while it is
 * there, a seed run without reset loads nothing, so a later {@code devenv up} does not seed over
 * the restored state. Kept in the emulator beside the ledger, so an emulator that restarts empty
 * forgets it and is seeded again; a reset (or a new restore) replaces it.
 */
public final class RestoreMark {
  private final AwsClients aws;
  private final String path;

  public RestoreMark(AwsClients aws, String profile) {
    this.aws = aws;
    this.path = SeedLedger.ROOT + "/" + SeedLedger.sanitize(profile) + "/restored";
  }

  /** The checkpoint the data was restored from, or null. */
  public String checkpoint() {
    try {
      return aws.ssm().getParameter(r -> r.name(path)).parameter().value();
    } catch (ParameterNotFoundException e) {
      return null;
    }
  }

  public void set(String checkpoint) {
    aws.ssm().putParameter(r -> r.name(path).value(checkpoint).type(ParameterType.STRING).overwrite(true));
  }

  public void clear() {
    try {
      aws.ssm().deleteParameter(r -> r.name(path));
    } catch (ParameterNotFoundException e) {
      // Nothing to forget.
    }
  }
}
