package io.devenv.engine;

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
 */
public record AwsAccess(
    URI endpoint, String region, String accessKeyId, String secretAccessKey, String networkAddress, int networkPort) {

  /** The credentials every emulator preset accepts. */
  public static final String DEFAULT_KEY = "test";

  public static AwsAccess local(URI endpoint, String region) {
    return new AwsAccess(endpoint, region, DEFAULT_KEY, DEFAULT_KEY, null, endpoint.getPort());
  }

  public AwsAccess withNetworkAddress(String address, int port) {
    return new AwsAccess(endpoint, region, accessKeyId, secretAccessKey, address, port);
  }
}
