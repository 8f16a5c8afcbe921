package io.devenv.expose;

import io.devenv.core.Progress;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.PortForward;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One local port: accepts connections on 127.0.0.1 and sends each to a ready pod the Service
 * selects when the connection arrives, through the API server's port-forward.
 */
public final class ForwardListener {

  /** Where a connection goes: a pod and the container port the Service's port targets. */
  record Target(String pod, int port) {}

  private final KubernetesClient client;
  private final Progress progress;
  private final ServerSocketChannel server;
  private final String namespace;
  private final String service;
  private final int servicePort;
  private final Thread acceptor;
  private final Map<SocketChannel, PortForward> connections = new ConcurrentHashMap<>();
  private volatile String lastProblem;

  ForwardListener(KubernetesClient client, Progress progress, ServerSocketChannel server, String namespace, String service,
      ServicePort port) {
    this.client = client;
    this.progress = progress;
    this.server = server;
    this.namespace = namespace;
    this.service = service;
    this.servicePort = port.getPort();
    this.acceptor = new Thread(this::acceptLoop, "devenv-port-forward-" + service + "-" + servicePort);
    this.acceptor.setDaemon(true);
  }

  PortForwards.Forward forward() {
    return new PortForwards.Forward(service, namespace, servicePort, localPort());
  }

  int localPort() {
    try {
      return ((InetSocketAddress) server.getLocalAddress()).getPort();
    } catch (IOException e) {
      return -1; // closed
    }
  }

  void start() {
    acceptor.start();
  }

  private void acceptLoop() {
    while (server.isOpen()) {
      SocketChannel connection;
      try {
        connection = server.accept();
      } catch (ClosedChannelException e) {
        return; // closed by close()
      } catch (IOException e) {
        problem("cannot accept a connection: " + e.getMessage());
        return;
      }
      forward(connection);
    }
  }

  private void forward(SocketChannel connection) {
    try {
      Optional<Target> target = target();
      if (target.isEmpty()) {
        problem("no ready pod behind Service " + namespace + "/" + service + "; connection closed");
        connection.close();
        return;
      }
      PortForward forward = client.pods().inNamespace(namespace).withName(target.get().pod())
          .portForward(target.get().port(), connection, connection);
      connections.put(connection, forward);
      connections.keySet().removeIf(c -> !c.isOpen());
      lastProblem = null;
    } catch (KubernetesClientException | IOException e) {
      problem("cannot forward a connection to Service " + namespace + "/" + service + ": " + e.getMessage());
      closeQuietly(connection);
    }
  }

  /** A ready pod of the Service now, the newest first, and the port its Service port targets there. */
  Optional<Target> target() {
    Service s = client.services().inNamespace(namespace).withName(service).get();
    if (s == null || s.getSpec().getSelector() == null || s.getSpec().getSelector().isEmpty()) {
      return Optional.empty();
    }
    ServicePort port = s.getSpec().getPorts().stream().filter(p -> Objects.equals(p.getPort(), servicePort)).findFirst().orElse(null);
    if (port == null) {
      return Optional.empty();
    }
    return client.pods().inNamespace(namespace).withLabels(s.getSpec().getSelector()).list().getItems().stream()
        .filter(ForwardListener::ready)
        .sorted(Comparator.comparing((Pod p) -> Objects.toString(p.getMetadata().getCreationTimestamp(), "")).reversed()
            .thenComparing(p -> p.getMetadata().getName()))
        .map(p -> targetPort(p, port).map(n -> new Target(p.getMetadata().getName(), n)))
        .flatMap(Optional::stream)
        .findFirst();
  }

  public static boolean ready(Pod pod) {
    return pod.getMetadata().getDeletionTimestamp() == null && pod.getStatus() != null
        && "Running".equals(pod.getStatus().getPhase())
        && pod.getStatus().getConditions().stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  /** The container port a Service port targets in a pod: a number, a named container port, or the Service port itself. */
  static Optional<Integer> targetPort(Pod pod, ServicePort port) {
    IntOrString target = port.getTargetPort();
    if (target == null || (target.getIntVal() == null && target.getStrVal() == null)) {
      return Optional.of(port.getPort());
    }
    if (target.getIntVal() != null) {
      return Optional.of(target.getIntVal());
    }
    return pod.getSpec().getContainers().stream()
        .flatMap(c -> c.getPorts().stream())
        .filter(p -> target.getStrVal().equals(p.getName()))
        .map(ContainerPort::getContainerPort)
        .findFirst();
  }

  /** Says what went wrong, once until it changes: a client retrying in a loop must not flood the output. */
  private void problem(String message) {
    if (!message.equals(lastProblem)) {
      lastProblem = message;
      progress.info("  port-forward " + service + ":" + servicePort + " (127.0.0.1:" + localPort() + "): " + message);
    }
  }

  void close() {
    closeQuietly(server);
    connections.forEach((connection, forward) -> {
      closeQuietly(forward);
      closeQuietly(connection);
    });
    connections.clear();
  }

  private static void closeQuietly(java.io.Closeable closeable) {
    try {
      closeable.close();
    } catch (IOException ignored) {
      // closing on the way out: nothing to do about it
    }
  }
}
