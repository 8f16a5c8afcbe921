package io.devenv.profile;

import io.devenv.core.JsonTrees;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

@Doc("The AWS emulator and the resources created in it.")
public record AwsSpec(
    Origin origin,
    @Doc("Which emulator runs the AWS services.") @Default("localstack") Emulator emulator,
    @Doc("The emulator's image; the preset pins one. Required with `custom`.") String image,
    @Doc("The AWS region every client and resource uses.") @Default("us-east-1") String region,
    @Doc("An AWS endpoint that is already running; only with `--engine external`.") URI endpoint,
    @Doc("The emulator's edge port inside its container (`custom` only; presets know theirs).") Integer port,
    @Doc("The HTTP path that answers 200 once the emulator is ready (`custom` only).") String healthPath,
    @Doc("S3 buckets.") List<BucketSpec> buckets,
    @Doc("SQS queues.") List<QueueSpec> queues,
    @Doc("SNS topics.") List<TopicSpec> topics,
    @Doc("DynamoDB tables.") List<TableSpec> tables,
    @Doc("Kinesis data streams.") List<StreamSpec> streams,
    @Doc("Secrets Manager secrets.") List<SecretSpec> secrets,
    @Doc("SSM Parameter Store parameters.") List<ParameterSpec> parameters,
    @Doc("Terraform directories whose resources are added to the lists above (see docs/cloud-directory.md).")
        List<TerraformSource> terraform) {

  /**
   * Every component, nested ones too, as JSON: what the convergence stamp hashes. Written by the
   * check cache's codec rather than by the records' {@code toString}, whose first call builds a
   * method-handle chain per record class (a twelfth of a no-op {@code up}).
   */
  public byte[] canonicalJson() {
    try {
      return JsonTrees.bytes(ProfileCodec.write(this, AwsSpec.class));
    } catch (IOException | IllegalArgumentException e) {
      return toString().getBytes(StandardCharsets.UTF_8); // a value the codec does not know: still every component
    }
  }

  /** The AWS emulators devenv knows how to start. */
  public enum Emulator {
    LOCALSTACK("localstack"),
    FLOCI("floci"),
    MINISTACK("ministack"),
    CUSTOM("custom");

    private final String yaml;

    Emulator(String yaml) {
      this.yaml = yaml;
    }

    @Override
    public String toString() {
      return yaml;
    }
  }

  /** No resource of any kind is declared. */
  public boolean isEmpty() {
    return buckets.isEmpty() && queues.isEmpty() && topics.isEmpty() && tables.isEmpty()
        && streams.isEmpty() && secrets.isEmpty() && parameters.isEmpty();
  }

  /** The number of resources declared, all kinds together. */
  public int resourceCount() {
    return buckets.size() + queues.size() + topics.size() + tables.size() + streams.size()
        + secrets.size() + parameters.size();
  }
}
