package io.devenv.testing;

import io.devenv.engine.AwsService;
import java.io.IOException;
import java.util.Map;

/**
 * The real AWS emulators the AWS tests run against, as host processes. What each cannot do on
 * these machines is written here once, with the reason the skipped tests print
 * (docs/engines.md keeps the same table).
 */
public enum Emulator {
  MINISTACK("ministack", "MiniStack", Map.of(), null),
  LOCALSTACK("localstack", "LocalStack 4.14.0",
      Map.of(AwsService.DYNAMODB, "it cannot serve DynamoDB on this machine: it downloads Java 21,"
          + " DynamoDB Local and its loader jar at first use from hosts that cannot be reached (docs/engines.md)"),
      "persistence is a LocalStack Pro feature; the community edition starts empty");

  private final String id;
  private final String label;
  private final Map<AwsService, String> unavailable;
  private final String statelessReason;

  Emulator(String id, String label, Map<AwsService, String> unavailable, String statelessReason) {
    this.id = id;
    this.label = label;
    this.unavailable = unavailable;
    this.statelessReason = statelessReason;
  }

  public String id() {
    return id;
  }

  public boolean offers(AwsService service) {
    return !unavailable.containsKey(service);
  }

  /** The message a test skipped for this service prints. */
  public String skipReason(AwsService service) {
    return "skipped on " + label + ": " + unavailable.get(service);
  }

  String statelessReason() {
    return statelessReason;
  }

  /** A new, not yet started process of this emulator. */
  public EmulatorProcess process() {
    return this == MINISTACK ? new MiniStackProcess() : new LocalStackProcess();
  }

  /** A new process, started on a free loopback port (skipped, or failed in CI, when not installed). */
  public EmulatorProcess start() throws IOException, InterruptedException {
    return process().begin();
  }

  /** The name parameterized classes show: "on MiniStack", "on LocalStack 4.14.0". */
  @Override
  public String toString() {
    return label;
  }
}
