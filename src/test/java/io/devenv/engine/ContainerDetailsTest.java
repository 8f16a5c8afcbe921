package io.devenv.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.devenv.core.JsonTrees;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Reading Docker's list and inspect answers (their JSON, as the Engine API documents it) when fields are absent or null. */
class ContainerDetailsTest {

  private static com.fasterxml.jackson.databind.JsonNode json(String text) throws Exception {
    return JsonTrees.parse(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  @DisplayName("an inspect with a port exposed but not published, two networks and one without an address")
  void inspectWithGaps() throws Exception {
    ContainerDetails d = ContainerDetails.of(json("""
        {"Id": "abc123", "State": {"Status": "running", "StartedAt": "2026-11-29T12:18:24.005174235Z"},
         "Config": {"Labels": {"io.devenv.role": "aws", "io.devenv.port": "4566"}},
         "NetworkSettings": {
           "Ports": {"4566/tcp": [{"HostIp": "127.0.0.1", "HostPort": "49153"}], "4571/tcp": null, "53/udp": [{"HostIp": "127.0.0.1", "HostPort": "49154"}]},
           "Networks": {"devenv-a": {"IPAddress": "172.18.0.2"}, "bridge": {"IPAddress": ""}}}}
        """));
    assertThat(d.hostPort(4566)).isEqualTo(49153);
    assertThat(d.hostPort(4571)).isZero();
    assertThat(d.hostPort(53)).as("a UDP port is no TCP endpoint").isZero();
    assertThat(d.publishedPorts()).containsExactly("127.0.0.1:49153->4566", "127.0.0.1:49154->53");
    assertThat(d.networkAddress("devenv-a")).isEqualTo("172.18.0.2");
    assertThat(d.networkAddress("bridge")).isNull();
    assertThat(d.instance()).isEqualTo("docker abc123 2026-11-29T12:18:24.005174235Z");
    assertThat(d.labels()).containsEntry("io.devenv.role", "aws");
  }

  @Test
  @DisplayName("a container never started and with nothing else: no instance, no ports, no labels")
  void bareInspect() throws Exception {
    ContainerDetails d = ContainerDetails.of(json("{\"Id\": \"abc\", \"State\": {\"StartedAt\": \"\"}, \"Config\": {\"Labels\": null}}"));
    assertThat(d.instance()).isNull();
    assertThat(d.published()).isEmpty();
    assertThat(d.labels()).isEmpty();
    assertThat(d.networkAddress("any")).isNull();
  }

  @Test
  @DisplayName("a list entry: its first name without the slash, its state, labels and networks; reusable only when all match")
  void listEntry() throws Exception {
    ContainerSummary c = ContainerSummary.of(json("""
        {"Id": "0123456789abcdef", "Names": ["/devenv-x-aws"], "State": "running",
         "Labels": {"io.devenv.role": "aws", "io.devenv.config-hash": "h1"},
         "NetworkSettings": {"Networks": {"devenv-x": {}}}}
        """));
    assertThat(c.name()).isEqualTo("devenv-x-aws");
    assertThat(c.role()).isEqualTo("aws");
    assertThat(c.reusable("h1", "devenv-x")).isTrue();
    assertThat(c.reusable("h2", "devenv-x")).as("other settings").isFalse();
    assertThat(c.reusable("h1", "devenv-y")).as("another network").isFalse();
    ContainerSummary exited = ContainerSummary.of(json("{\"Id\": \"0123456789abcdef\", \"State\": \"exited\", \"Labels\": {}}"));
    assertThat(exited.reusable("h1", "devenv-x")).isFalse();
    assertThat(exited.name()).as("no name: the short id").isEqualTo("0123456789ab");
    assertThat(exited.role()).isEmpty();
  }
}
