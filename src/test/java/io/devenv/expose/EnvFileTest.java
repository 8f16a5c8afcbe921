package io.devenv.expose;

import io.devenv.expose.PortForwards.Forward;
import static org.assertj.core.api.Assertions.assertThat;

import io.devenv.environment.AwsAccess;
import io.devenv.environment.ClusterAccess;
import io.devenv.environment.Environment;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvFileTest {
  @TempDir Path project;

  private static Environment environment() {
    AwsAccess aws = AwsAccess.local(URI.create("http://127.0.0.1:49153"), "eu-west-3").withNetworkAddress("172.18.0.2", 4566);
    return new Environment(null, aws, new ClusterAccess("apiVersion: v1\nkind: Config\n", null));
  }

  @Test
  @DisplayName("The env file holds endpoint, region, credentials, KUBECONFIG and one DEVENV_PORT_ per forward")
  void variables() {
    Path kubeconfig = project.resolve(".devenv/kubeconfig");
    var vars = EnvFile.variables(environment(), kubeconfig, List.of(new Forward("catalog-api", "vod", 8080, 18080)));

    assertThat(vars).containsExactly(
        Map.entry("AWS_ENDPOINT_URL", "http://127.0.0.1:49153"),
        Map.entry("AWS_REGION", "eu-west-3"),
        Map.entry("AWS_DEFAULT_REGION", "eu-west-3"),
        Map.entry("AWS_ACCESS_KEY_ID", "test"),
        Map.entry("AWS_SECRET_ACCESS_KEY", "test"),
        Map.entry("KUBECONFIG", kubeconfig.toAbsolutePath().toString()),
        Map.entry("DEVENV_PORT_CATALOG_API", "18080"));
  }

  @Test
  @DisplayName("Written to .devenv/env and read back unchanged, odd characters included")
  void roundTrip() throws Exception {
    Map<String, String> vars = new java.util.LinkedHashMap<>();
    vars.put("AWS_ENDPOINT_URL", "http://127.0.0.1:49153");
    vars.put("KUBECONFIG", "/home/ann/my project/.devenv/kubeconfig");
    vars.put("ODD", "it's \"quoted\" $HOME\\n");

    Path file = EnvFile.write(project, vars);

    assertThat(file).isEqualTo(project.toAbsolutePath().resolve(".devenv/env"));
    assertThat(Files.readString(file)).contains("AWS_ENDPOINT_URL=http://127.0.0.1:49153\n")
        .contains("KUBECONFIG='/home/ann/my project/.devenv/kubeconfig'");
    assertThat(EnvFile.read(project)).isEqualTo(vars);
  }

  @Test
  @DisplayName("The export lines, evaluated by a real shell, set exactly the values")
  void exportsSurviveAShell() throws Exception {
    Map<String, String> vars = Map.of("A_PATH", "/tmp/with space/and'quote", "B_DOLLAR", "$(echo no) `no` $HOME");
    String script = EnvFile.exports(vars) + "printf '%s\\n' \"$A_PATH\" \"$B_DOLLAR\"\n";

    Process sh = new ProcessBuilder("sh", "-c", script).redirectErrorStream(true).start();
    String out = new String(sh.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(sh.waitFor(10, TimeUnit.SECONDS)).isTrue();

    assertThat(out).isEqualTo("/tmp/with space/and'quote\n$(echo no) `no` $HOME\n");
  }

  @Test
  @DisplayName("The kubeconfig is written atomically with mode 0600, replacing an older one")
  void kubeconfigIsPrivate() throws Exception {
    Path first = KubeconfigFile.write(project, new ClusterAccess("old", null));
    Path file = KubeconfigFile.write(project, new ClusterAccess("apiVersion: v1\nkind: Config\n", null));

    assertThat(file).isEqualTo(first);
    assertThat(Files.readString(file)).isEqualTo("apiVersion: v1\nkind: Config\n");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    try (var left = Files.list(file.getParent())) {
      assertThat(left.map(p -> p.getFileName().toString())).as("no temp file left behind")
          .containsExactlyInAnyOrder(".gitignore", "kubeconfig");
    }
  }

  @Test
  @DisplayName("The summary table lines up what runs where")
  void summary() {
    Environment env = new Environment(null,
        AwsAccess.local(URI.create("http://127.0.0.1:49153"), "eu-west-3").withNetworkAddress("172.18.0.2", 4566),
        new ClusterAccess("apiVersion: v1\nkind: Config\nclusters:\n- name: default\n  cluster:\n    server: https://127.0.0.1:49154\n", null));

    String table = Summary.of(env, List.of(new Forward("catalog-api", "vod", 8080, 18080)),
        project.resolve(".devenv/env"), project.resolve(".devenv/kubeconfig")).render();

    List<String> lines = table.lines().toList();
    assertThat(lines.get(0)).startsWith("WHAT").contains("WHERE").contains("NOTE");
    assertThat(table).contains("http://127.0.0.1:49153").contains("https://127.0.0.1:49154")
        .contains("http://127.0.0.1:18080").contains("port-forward to vod/catalog-api:8080")
        .contains("Service aws -> 172.18.0.2:4566");
    int column = lines.get(0).indexOf("WHERE");
    assertThat(lines).as("the WHERE column is aligned").allSatisfy(l -> assertThat(l.charAt(column - 1)).isEqualTo(' '));
    assertThat(lines.get(1).substring(column)).startsWith("http://127.0.0.1:49153");
  }
}
