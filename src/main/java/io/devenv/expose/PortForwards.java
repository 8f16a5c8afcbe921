package io.devenv.expose;

import io.devenv.core.DevenvException;
import io.devenv.core.ExitCode;
import io.devenv.core.Progress;
import io.devenv.profile.KubernetesSpec.PortForward;
import io.devenv.profile.Profile;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Forwards local ports on 127.0.0.1 to Services ({@code kubernetes.portForwards}).
 *
 * <p>Unlike {@code kubectl port-forward service/x}, which picks one pod when it starts and dies
 * with it, each accepted connection is sent to a ready pod the Service selects at that moment:
 * when the pod is replaced (a rollout, a crash), the next connection reaches the new one.
 */
public final class PortForwards implements AutoCloseable {

  /**
   * One forward, as started.
   *
   * @param localPort the port on 127.0.0.1, as asked or as picked when 0 was asked
   */
  public record Forward(String service, String namespace, int port, int localPort) {

    /** "127.0.0.1:8080". */
    public String address() {
      return InetAddress.getLoopbackAddress().getHostAddress() + ":" + localPort;
    }
  }

  private final KubernetesClient client;
  private final Progress progress;
  private final List<ForwardListener> listeners = new ArrayList<>();

  public PortForwards(KubernetesClient client, Progress progress) {
    this.client = client;
    this.progress = progress;
  }

  /**
   * Starts the profile's port-forwards: all of them, or none when one cannot start.
   *
   * @return the forwards with their actual local ports, in the profile's order
   * @throws DevenvException (exit 2) naming the forward and its profile line when its Service or
   *     port does not exist, or its local port is taken
   */
  public synchronized List<Forward> start(Profile profile) {
    List<PortForward> wanted = profile.kubernetes().portForwards() == null ? List.of() : profile.kubernetes().portForwards();
    List<ForwardListener> started = new ArrayList<>();
    try {
      for (PortForward pf : wanted) {
        String namespace = pf.namespace() == null || pf.namespace().isBlank() ? profile.kubernetes().namespace() : pf.namespace();
        Service service = service(pf, namespace);
        ServicePort port = servicePort(pf, service, namespace);
        started.add(new ForwardListener(client, progress, bind(pf, namespace), namespace, pf.service(), port));
      }
    } catch (RuntimeException e) {
      started.forEach(ForwardListener::close);
      throw e;
    }
    started.forEach(ForwardListener::start);
    listeners.addAll(started);
    List<Forward> forwards = started.stream().map(ForwardListener::forward).toList();
    if (!forwards.isEmpty()) {
      progress.info("Port-forwards: " + forwards.stream()
          .map(f -> f.service() + ":" + f.port() + " → " + f.address()).collect(Collectors.joining(", ")));
    }
    return forwards;
  }

  /** The forwards running now. */
  public synchronized List<Forward> forwards() {
    return listeners.stream().map(ForwardListener::forward).toList();
  }

  private Service service(PortForward pf, String namespace) {
    Service service;
    try {
      service = client.services().inNamespace(namespace).withName(pf.service()).get();
    } catch (KubernetesClientException e) {
      throw new DevenvException(ExitCode.FAILURE, where(pf) + "cannot read Service " + namespace + "/" + pf.service() + ": " + e.getMessage(), e);
    }
    if (service == null) {
      throw invalid(where(pf) + "there is no Service " + pf.service() + " in namespace " + namespace + " to forward to");
    }
    if (service.getSpec().getSelector() == null || service.getSpec().getSelector().isEmpty()) {
      throw invalid(where(pf) + "Service " + namespace + "/" + pf.service() + " has no selector;"
          + " devenv forwards to the pods a Service selects");
    }
    return service;
  }

  private static ServicePort servicePort(PortForward pf, Service service, String namespace) {
    return service.getSpec().getPorts().stream()
        .filter(p -> p.getPort() != null && p.getPort().intValue() == pf.port().intValue())
        .findFirst()
        .orElseThrow(() -> invalid(where(pf) + "Service " + namespace + "/" + pf.service() + " has no port " + pf.port()
            + " (it has " + service.getSpec().getPorts().stream().map(p -> String.valueOf(p.getPort())).collect(Collectors.joining(", ")) + ")"));
  }

  private static ServerSocketChannel bind(PortForward pf, String namespace) {
    ServerSocketChannel channel = null;
    try {
      channel = ServerSocketChannel.open();
      channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), pf.localPort()));
      return channel;
    } catch (BindException e) {
      closeQuietly(channel);
      throw invalid(where(pf) + "cannot forward " + namespace + "/" + pf.service() + ":" + pf.port() + ": local port "
          + pf.localPort() + " on 127.0.0.1 is already in use; choose another localPort, or 0 for a free one");
    } catch (IOException e) {
      closeQuietly(channel);
      throw new DevenvException(ExitCode.FAILURE, where(pf) + "cannot listen on 127.0.0.1:" + pf.localPort() + ": " + e.getMessage(), e);
    }
  }

  private static String where(PortForward pf) {
    return "kubernetes.portForwards" + (pf.origin() == null || pf.origin().file() == null ? "" : " (" + pf.origin() + ")") + ": ";
  }

  private static DevenvException invalid(String message) {
    return new DevenvException(ExitCode.INVALID_INPUT, message);
  }

  private static void closeQuietly(ServerSocketChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // nothing was listening yet
      }
    }
  }

  /** Stops every forward and closes its connections. */
  @Override
  public synchronized void close() {
    listeners.forEach(ForwardListener::close);
    listeners.clear();
  }
}
