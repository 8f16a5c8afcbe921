package io.devenv.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.devenv.aws.AwsClients;
import io.devenv.cli.Main;
import io.devenv.core.ExitCode;
import io.devenv.profile.Profile;
import io.devenv.profile.ProfileLoader;
import io.devenv.testing.ControlPlane;
import io.devenv.testing.MiniStackProcess;
import io.devenv.testing.RealCluster;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The ConfigMaps that {@code seed.configMaps} declares, in a checkpoint: saved, restored exactly
 * (text and binary keys, keys added and removed by hand with another field manager) and exported,
 * on the real kube-apiserver with MiniStack, through the CLI and the external engine.
 */
@RealCluster
class CheckpointConfigMapTest {
  @RegisterExtension
  static final MiniStackProcess ministack = new MiniStackProcess();

  /** Bytes that are not UTF-8: they can only be binaryData. */
  static final byte[] LOGO = {(byte) 0x89, 'P', 'N', 'G', 0, (byte) 0xff, (byte) 0xfe, 10};

  @TempDir
  Path project;

  ControlPlane cluster;
  String namespace;
  Profile profile;

  @BeforeEach
  void project(ControlPlane plane) throws Exception {
    cluster = plane;
    namespace = plane.uniqueNamespace("ckpt-cm");
    Path root = Path.of("src/test/resources/junit").toAbsolutePath();
    Path profiles = Files.createDirectories(project.resolve("profiles"));
    Path config = Files.createDirectories(profiles.resolve("config"));
    Files.writeString(config.resolve("app.properties"), "mode=seed\nlimit=5\n");
    Files.write(config.resolve("logo.bin"), LOGO);
    Files.writeString(profiles.resolve("default.yaml"), "name: ckpt-configmaps\nextends: " + root.resolve("aws.yaml") + "\n"
        + "seed:\n  configMaps: [{ name: settings, namespace: " + namespace + ", from: config }]\n", StandardCharsets.UTF_8);
    profile = ProfileLoader.load(profiles.resolve("default.yaml"));
  }

  @Test
  @DisplayName("a seeded ConfigMap changed by hand is saved, changed again, restored exactly, kept by the next up, exported; up --reset seeds it again")
  void roundTrip() throws Exception {
    // Given an environment seeded by up, then changed by hand (another field manager than devenv)
    Run up = run(withEngine("up", "--detach"));
    assertThat(up.code()).as("up; stderr:%n%s", up.err()).isEqualTo(ExitCode.OK);
    assertThat(contents()).as("the seeded ConfigMap").isEqualTo(new Contents(
        Map.of("app.properties", "mode=seed\nlimit=5\n"), Map.of("logo.bin", base64(LOGO))));
    edit(Map.of("app.properties", "mode=saved\n", "notes.txt", "añadido a mano ✓\n"),
        Map.of("logo.bin", base64(new byte[] {1, 2, (byte) 0xff}), "plain.bin", base64("valid UTF-8".getBytes(StandardCharsets.UTF_8))));
    try (AwsClients aws = aws()) {
      aws.s3().putObject(r -> r.bucket("junit-bucket").key("by-hand.txt"), RequestBody.fromString("saved"));
    }
    Contents saved = contents();
    Map<String, Object> savedAws;
    try (AwsClients aws = aws()) {
      savedAws = LiveState.data(aws, profile);
    }

    // When it is saved
    Run save = run(withEngine("checkpoint", "save", "cm-1"));
    assertThat(save.code()).as("save; stderr:%n%s", save.err()).isEqualTo(ExitCode.OK);
    assertThat(save.out()).contains(", 1 ConfigMaps.");
    Path files = project.resolve(".devenv/checkpoints/cm-1/configmaps").resolve(namespace).resolve("settings");
    assertThat(Files.readString(files.resolve("notes.txt"))).as("a text key, as its seed file would be").isEqualTo("añadido a mano ✓\n");
    assertThat(Files.readAllBytes(files.resolve("logo.bin"))).as("a binary key, as its bytes").containsExactly(1, 2, 0xff);

    // And changed again: a key removed, one added, values changed, binary turned to text; AWS data changed
    replace(Map.of("app.properties", "mode=later\n", "late.txt", "x"), Map.of("logo.bin", base64(LOGO)));
    try (AwsClients aws = aws()) {
      aws.s3().putObject(r -> r.bucket("junit-bucket").key("by-hand.txt"), RequestBody.fromString("later"));
      aws.s3().putObject(r -> r.bucket("junit-bucket").key("later.txt"), RequestBody.fromString("later"));
    }
    assertThat(contents()).isNotEqualTo(saved);

    // Then the restore gives back exactly what was saved, ConfigMap and AWS data alike
    Run restore = run(withEngine("checkpoint", "restore", "cm-1"));
    assertThat(restore.code()).as("restore; stderr:%n%s", restore.err()).isEqualTo(ExitCode.OK);
    assertThat(restore.err()).contains("✓ restore ConfigMap " + namespace + "/settings: 4 keys written");
    assertThat(contents()).as("data and binaryData, exactly (plain.bin stays binary)").isEqualTo(saved);
    try (AwsClients aws = aws()) {
      assertThat(LiveState.data(aws, profile)).as("objects, items, secrets, parameters").isEqualTo(savedAws);
    }

    // And a restore of what is already there writes nothing
    Run again = run(withEngine("checkpoint", "restore", "cm-1"));
    assertThat(again.err()).contains("✓ restore ConfigMap " + namespace + "/settings: unchanged (4 keys)");

    // And the next up keeps the restored ConfigMap rather than apply the seed directory over it
    Run upAfter = run(withEngine("up", "--detach"));
    assertThat(upAfter.code()).as("up after restore; stderr:%n%s", upAfter.err()).isEqualTo(ExitCode.OK);
    assertThat(contents()).as("kept as restored").isEqualTo(saved);

    // And the export holds it as a seed.configMaps entry and directory
    Run export = run("checkpoint", "export", "cm-1", "--to", project.resolve("fixtures").toString(),
        "--relative-to", project.resolve("profiles").toString());
    assertThat(export.code()).as("export; stderr:%n%s", export.err()).isEqualTo(ExitCode.OK);
    assertThat(Files.readString(project.resolve("fixtures/seed.yaml")))
        .contains("configMaps:", "name: settings", "namespace: " + namespace, "from: ../fixtures/configmaps/" + namespace + "/settings");
    assertThat(Files.readString(project.resolve("fixtures/configmaps").resolve(namespace).resolve("settings/app.properties")))
        .isEqualTo("mode=saved\n");

    // And up --reset applies the seed directory again
    Run reset = run(withEngine("up", "--detach", "--reset"));
    assertThat(reset.code()).as("up --reset; stderr:%n%s", reset.err()).isEqualTo(ExitCode.OK);
    assertThat(contents()).as("the seed directory again").isEqualTo(new Contents(
        Map.of("app.properties", "mode=seed\nlimit=5\n"), Map.of("logo.bin", base64(LOGO))));
  }

  @Test
  @DisplayName("a checkpoint saved before the profile seeded a ConfigMap is refused before anything changes")
  void profileGainedAConfigMap() throws Exception {
    Path plain = project.resolve("profiles/plain.yaml");
    Files.writeString(plain, "name: ckpt-configmaps\nextends: " + Path.of("src/test/resources/junit/aws.yaml").toAbsolutePath() + "\n");
    Run up = run(withEngine("up", "--detach"));
    assertThat(up.code()).as("up; stderr:%n%s", up.err()).isEqualTo(ExitCode.OK);
    Run save = run(withEngine("checkpoint", "save", "before", "-p", plain.toString()));
    assertThat(save.code()).as("save; stderr:%n%s", save.err()).isEqualTo(ExitCode.OK);
    edit(Map.of("app.properties", "mode=hand\n"), Map.of());
    Contents before = contents();

    Run restore = run(withEngine("checkpoint", "restore", "before"));

    assertThat(restore.code()).isEqualTo(ExitCode.INVALID_INPUT);
    assertThat(restore.err().strip()).isEqualTo("error: checkpoint before not restored, nothing changed: the profile's ConfigMaps"
        + " (seed.configMaps) changed since it was saved (not in the checkpoint: " + namespace + "/settings)");
    assertThat(contents()).isEqualTo(before);
  }

  record Contents(Map<String, String> data, Map<String, String> binaryData) {
    static Contents of(ConfigMap c) {
      return new Contents(c.getData() == null ? Map.of() : new TreeMap<>(c.getData()),
          c.getBinaryData() == null ? Map.of() : new TreeMap<>(c.getBinaryData()));
    }

    Contents {
      data = new TreeMap<>(data);
      binaryData = new TreeMap<>(binaryData);
    }
  }

  Contents contents() {
    return Contents.of(cluster.client().configMaps().inNamespace(namespace).withName("settings").get());
  }

  /** Changes values and adds keys as kubectl edit would: another field manager. */
  void edit(Map<String, String> data, Map<String, String> binary) {
    cluster.client().configMaps().inNamespace(namespace).withName("settings").edit(c -> {
      ConfigMapBuilder b = new ConfigMapBuilder(c);
      data.forEach(b::addToData);
      binary.forEach(b::addToBinaryData);
      return b.build();
    });
  }

  /** Replaces the keys wholesale. */
  void replace(Map<String, String> data, Map<String, String> binary) {
    cluster.client().configMaps().inNamespace(namespace).withName("settings")
        .edit(c -> new ConfigMapBuilder(c).withData(new TreeMap<>(data)).withBinaryData(new TreeMap<>(binary)).build());
  }

  static String base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  AwsClients aws() {
    return AwsClients.of(ministack.endpoint(), profile.aws().region());
  }

  String[] withEngine(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--engine", "external", "--aws-endpoint", ministack.endpoint().toString(),
        "--kubeconfig", cluster.kubeconfig().toString()));
    return all.toArray(String[]::new);
  }

  record Run(int code, String out, String err) {}

  Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> all = new ArrayList<>(List.of("--project-dir", project.toString()));
    all.addAll(List.of(args));
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), all.toArray(String[]::new));
    return new Run(code, out.toString(), err.toString());
  }
}
