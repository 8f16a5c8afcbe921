package io.devenv.engine;

import io.devenv.core.DevenvException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Tells, before anything binds it, whether a port of 127.0.0.1 is free. */
public final class PortCheck {
  private PortCheck() {}

  /** Whether nothing listens on {@code 127.0.0.1:port}. */
  public static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(false);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * @param port the port; 0 (pick any) always passes
   * @param forWhat who asked for it, e.g. "the AWS emulator", "port-forward catalog-api"
   * @throws DevenvException naming the port when it is taken
   */
  public static void requireFree(int port, String forWhat) {
    if (port > 0 && !isFree(port)) {
      throw taken(port, forWhat);
    }
  }

  static DevenvException taken(int port, String forWhat) {
    return DevenvException.failure("Port " + port + " on 127.0.0.1 is taken (asked for " + forWhat
        + "): stop what listens there (ss -ltnp 'sport = :" + port + "') or choose another port", null);
  }
}
