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
    checked(endpoint, allowRemote);
  }

  /**
   * Like {@link #check}, and returns the endpoint to connect to: a {@code localhost} or
   * {@code *.localhost} name is resolved, every address must be loopback, and the returned URI
   * names the address that was checked, so a later lookup cannot send requests elsewhere.
   *
   * @throws DevenvException (exit 2) as {@link #check} does, or when such a name resolves to an
   *     address that is not loopback (or to none)
   */
  public static URI checked(URI endpoint, boolean allowRemote) {
    if (endpoint == null) {
      throw DevenvException.invalid("No AWS endpoint given: set aws.endpoint in the profile or pass --aws-endpoint URL");
    }
    String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || endpoint.getHost() == null) {
      throw DevenvException.invalid("AWS endpoint " + endpoint
          + " is not an http(s) URL with a host: give one such as http://127.0.0.1:4566");
    }
    if (allowRemote) {
      return endpoint;
    }
    String host = endpoint.getHost().toLowerCase(Locale.ROOT);
    if (host.equals("localhost") || host.endsWith(".localhost")) {
      return pinned(endpoint, host);
    }
    if (isLoopback(endpoint.getHost())) {
      return endpoint;
    }
    throw DevenvException.invalid("AWS endpoint " + endpoint + " is not on this machine (not a loopback address):"
        + " devenv creates and seeds resources only in a local emulator unless --allow-remote-aws is given");
  }

  /** The endpoint with its localhost name replaced by the loopback address it resolves to. */
  private static URI pinned(URI endpoint, String host) {
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(host);
    } catch (UnknownHostException e) {
      // RFC 6761: localhost names are loopback even where the resolver does not know them.
      addresses = new InetAddress[] {InetAddress.getLoopbackAddress()};
    }
    for (InetAddress address : addresses) {
      if (!address.isLoopbackAddress()) {
        throw DevenvException.invalid("AWS endpoint " + endpoint + " is not on this machine: " + host + " resolves to "
            + address.getHostAddress() + ", not a loopback address; devenv creates and seeds resources only in a local"
            + " emulator unless --allow-remote-aws is given");
      }
    }
    String literal = addresses[0].getHostAddress();
    try {
      return new URI(endpoint.getScheme(), endpoint.getUserInfo(), literal.contains(":") ? "[" + literal + "]" : literal,
          endpoint.getPort(), endpoint.getPath(), endpoint.getQuery(), endpoint.getFragment());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException("a URI with a loopback literal is always valid", e);
    }
  }

  /**
   * Whether a host is a loopback address literal. Names count as remote without being looked up
   * (except localhost names, which {@link #checked} resolves and pins).
   */
  static boolean isLoopback(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
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
