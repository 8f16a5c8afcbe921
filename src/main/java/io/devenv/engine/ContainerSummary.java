package io.devenv.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.model.Container;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * One container as Docker's list shows it, the fields devenv reads: from docker-java's model (the
 * full start) or from the list's JSON (the reuse lookup, {@link DockerReads}), one meaning for both.
 *
 * @param name the first name, as Docker gives it (see {@link #name()})
 * @param image the image as the container was created from it
 * @param state Docker's state word: running, exited, created, ...
 * @param created when it was created, in seconds since the epoch
 * @param networks the names of the networks it is attached to
 */
record ContainerSummary(String id, String name, String image, String state, long created, Map<String, String> labels,
    Set<String> networks) {

  /** The emulator first, then by name: the order devenv lists, starts and reports them in. */
  static final Comparator<ContainerSummary> ORDER = Comparator
      .comparing((ContainerSummary c) -> c.role().equals(EnvironmentStarter.AWS) ? 0 : 1)
      .thenComparing(ContainerSummary::name);

  ContainerSummary {
    labels = Map.copyOf(labels);
    networks = Set.copyOf(networks);
  }

  static ContainerSummary of(Container c) {
    Map<String, String> labels = c.getLabels() == null ? Map.of() : c.getLabels();
    Set<String> networks = c.getNetworkSettings() == null || c.getNetworkSettings().getNetworks() == null ? Set.of()
        : c.getNetworkSettings().getNetworks().keySet();
    String[] names = c.getNames();
    return new ContainerSummary(c.getId(), names == null || names.length == 0 ? null : names[0], c.getImage(), c.getState(),
        c.getCreated() == null ? 0 : c.getCreated(), labels, networks);
  }

  /** From one entry of {@code GET /containers/json}. */
  static ContainerSummary of(JsonNode entry) {
    Map<String, String> labels = new LinkedHashMap<>();
    entry.path("Labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
    Set<String> networks = new LinkedHashSet<>();
    entry.path("NetworkSettings").path("Networks").fieldNames().forEachRemaining(networks::add);
    JsonNode names = entry.path("Names");
    return new ContainerSummary(entry.path("Id").asText(), names.size() == 0 ? null : names.get(0).asText(),
        entry.path("Image").asText(null), entry.path("State").asText(), entry.path("Created").asLong(), labels, networks);
  }

  /** What devenv started it as ({@code aws}, {@code k3s}), or "" for a container without the label. */
  String role() {
    return labels.getOrDefault(Labels.ROLE, "");
  }

  /**
   * Running, with the settings hash asked for, on the environment's network: then start reuses it
   * as it is.
   */
  boolean reusable(String hash, String network) {
    return "running".equals(state) && hash.equals(labels.get(Labels.CONFIG_HASH)) && networks.contains(network);
  }

  @Override
  public String name() {
    return name == null ? id.substring(0, Math.min(12, id.length())) : name.replaceFirst("^/", "");
  }
}
