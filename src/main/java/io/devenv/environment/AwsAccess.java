package io.devenv.environment;

import java.net.URI;

/**
 * How to reach the AWS emulator.
 *
 * @param endpoint the endpoint as seen from this machine, e.g. {@code http://127.0.0.1:49153}
 * @param region the region every client and resource uses
 * @param accessKeyId credentials the emulator accepts
 * @param secretAccessKey credentials the emulator accepts
 * @param networkAddress the emulator's IP address as pods of the cluster reach it (its address on
 *     the shared Docker network), or null when the engine knows none
 * @param networkPort the emulator's port at {@code networkAddress}
 * @param instance the emulator's instance as its engine names it, different for every start (the
 *     Docker engine: container id and start time), or null when the engine cannot tell one
 */
public record AwsAccess(URI endpoint, String region, String accessKeyId, String secretAccessKey, String networkAddress,
    int networkPort, String instance) {

  /** The credentials every emulator preset accepts. */
  public static final String DEFAULT_KEY = "test";
  /** The region when a profile names none. */
  public static final String DEFAULT_REGION = "us-east-1";
  /** The port every emulator preset listens on inside its container. */
  public static final int DEFAULT_PORT = 4566;

  /** An emulator whose instance the engine cannot name. */
  public AwsAccess(URI endpoint, String region, String accessKeyId, String secretAccessKey, String networkAddress,
      int networkPort) {
    this(endpoint, region, accessKeyId, secretAccessKey, networkAddress, networkPort, null);
  }

  /** An emulator on this machine; a null region means {@value #DEFAULT_REGION}. */
  public static AwsAccess local(URI endpoint, String region) {
    return new AwsAccess(endpoint, region == null ? DEFAULT_REGION : region, DEFAULT_KEY, DEFAULT_KEY, null,
        endpoint.getPort());
  }

  public AwsAccess withNetworkAddress(String address, int port) {
    return new AwsAccess(endpoint, region, accessKeyId, secretAccessKey, address, port, instance);
  }

  public AwsAccess withInstance(String id) {
    return new AwsAccess(endpoint, region, accessKeyId, secretAccessKey, networkAddress, networkPort, id);
  }
}
