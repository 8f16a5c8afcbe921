package io.devenv.environment;

import io.devenv.core.DevenvException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Refuses AWS endpoints that are not on this machine unless the user opted in, so that nobody
 * creates resources in, or seeds, a real account by accident.
 */
public final class AwsEndpointGuard {

  private AwsEndpointGuard() {}

  /**
   * @throws DevenvException (exit 2) when the endpoint is malformed, or not a loopback address
   *     and {@code allowRemote} is false
   */
  public static void check(URI endpoint, boolean allowRemote) {
    if (endpoint == null) {
      throw DevenvException.invalid("No AWS endpoint given: set aws.endpoint in the profile or pass --aws-endpoint URL");
    }
    String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || endpoint.getHost() == null) {
      throw DevenvException.invalid("AWS endpoint " + endpoint
          + " is not an http(s) URL with a host: give one such as http://127.0.0.1:4566");
    }
    if (allowRemote || isLoopback(endpoint.getHost())) {
      return;
    }
    throw DevenvException.invalid("AWS endpoint " + endpoint + " is not on this machine (not a loopback address):"
        + " devenv creates and seeds resources only in a local emulator unless --allow-remote-aws is given");
  }

  /**
   * Whether a host is this machine's loopback: {@code localhost}, a {@code *.localhost} name, or
   * a loopback address literal. Other names count as remote without being looked up, so the
   * check never sends a DNS query and cannot be fooled by one.
   */
  static boolean isLoopback(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    if (h.equals("localhost") || h.endsWith(".localhost")) {
      return true;
    }
    boolean literal = h.contains(":") || h.matches("[0-9.]+");
    if (!literal) {
      return false;
    }
    try {
      // A literal is parsed, not looked up.
      return InetAddress.getByName(h).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
