package io.devenv.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.Ports;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What devenv reads of a container's inspect: its run, labels, published ports and network
 * addresses. Made from docker-java's model (the full start, status) or from the inspect's JSON
 * (the reuse lookup, {@link DockerReads}), so that both read them one way.
 *
 * @param startedAt when its current run started (Docker's text), or null
 * @param published every published port
 * @param addresses the container's IP address on each network it is attached to
 */
record ContainerDetails(String id, String startedAt, Map<String, String> labels, List<Published> published,
    Map<String, String> addresses) {

  /** A container port published on the host: {@code hostPort} is Docker's text ("49153"). */
  record Published(int containerPort, String protocol, String hostIp, String hostPort) {}

  ContainerDetails {
    labels = Map.copyOf(labels);
    published = List.copyOf(published);
    addresses = Map.copyOf(addresses);
  }

  static ContainerDetails of(InspectContainerResponse info) {
    Map<String, String> labels = info.getConfig() == null || info.getConfig().getLabels() == null ? Map.of()
        : info.getConfig().getLabels();
    List<Published> published = new ArrayList<>();
    Map<String, String> addresses = new LinkedHashMap<>();
    if (info.getNetworkSettings() != null) {
      Ports ports = info.getNetworkSettings().getPorts();
      if (ports != null) {
        ports.getBindings().forEach((port, bindings) -> {
          for (Ports.Binding b : bindings == null ? new Ports.Binding[0] : bindings) {
            published.add(new Published(port.getPort(), port.getProtocol().toString(), b.getHostIp(), b.getHostPortSpec()));
          }
        });
      }
      Map<String, ContainerNetwork> networks = info.getNetworkSettings().getNetworks();
      if (networks != null) {
        networks.forEach((name, n) -> putAddress(addresses, name, n.getIpAddress()));
      }
    }
    return new ContainerDetails(info.getId(), info.getState() == null ? null : info.getState().getStartedAt(), labels,
        published, addresses);
  }

  /** From the answer of {@code GET /containers/{id}/json}. */
  static ContainerDetails of(JsonNode info) {
    Map<String, String> labels = new LinkedHashMap<>();
    info.path("Config").path("Labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
    List<Published> published = new ArrayList<>();
    JsonNode settings = info.path("NetworkSettings");
    for (Iterator<Map.Entry<String, JsonNode>> it = settings.path("Ports").fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> port = it.next(); // "4566/tcp": [{"HostIp": "127.0.0.1", "HostPort": "49153"}] or null
      String[] spec = port.getKey().split("/", 2);
      for (JsonNode b : port.getValue()) {
        published.add(new Published(Integer.parseInt(spec[0]), spec.length > 1 ? spec[1] : "tcp",
            text(b.path("HostIp")), text(b.path("HostPort"))));
      }
    }
    Map<String, String> addresses = new LinkedHashMap<>();
    settings.path("Networks").fields().forEachRemaining(n -> putAddress(addresses, n.getKey(), text(n.getValue().path("IPAddress"))));
    return new ContainerDetails(info.path("Id").asText(), text(info.path("State").path("StartedAt")), labels, published,
        addresses);
  }

  /** The host port a TCP container port is published on, or 0 when it is not published. */
  int hostPort(int containerPort) {
    for (Published p : published) {
      if (p.containerPort() == containerPort && p.protocol().equals("tcp") && p.hostPort() != null && !p.hostPort().isEmpty()) {
        return Integer.parseInt(p.hostPort());
      }
    }
    return 0;
  }

  /** "127.0.0.1:49153->4566" for every published port, sorted. */
  List<String> publishedPorts() {
    List<String> shown = new ArrayList<>();
    for (Published p : published) {
      shown.add(p.hostIp() + ":" + p.hostPort() + "->" + p.containerPort());
    }
    shown.sort(null);
    return shown;
  }

  /** The container's IP address on the named network, or null. */
  String networkAddress(String network) {
    return addresses.get(network);
  }

  /**
   * The container's id and the time its current run started: a restart (or a new container) gives
   * another, so whatever was recorded for an emulator never matches one restarted empty.
   */
  String instance() {
    return startedAt == null || startedAt.isBlank() ? null : "docker " + id + " " + startedAt;
  }

  private static void putAddress(Map<String, String> addresses, String network, String address) {
    if (address != null && !address.isEmpty()) {
      addresses.put(network, address);
    }
  }

  private static String text(JsonNode node) {
    return node.isTextual() ? node.asText() : null;
  }
}
