package io.devenv.expose;

/**
 * A port-forward as the env file and summary show it.
 *
 * @param service the Service name
 * @param namespace its namespace
 * @param port the Service port
 * @param localPort the port on 127.0.0.1
 */
public record Forward(String service, String namespace, int port, int localPort) {

  /** {@code DEVENV_PORT_CATALOG_API}: the variable holding the local port. */
  public String variable() {
    return "DEVENV_PORT_" + service.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
  }
}
