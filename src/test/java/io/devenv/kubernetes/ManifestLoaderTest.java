package io.devenv.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.devenv.core.DevenvException;
import io.devenv.core.ExitCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestLoaderTest {

  private static final Path MANIFESTS = Path.of("src/test/resources/kubernetes/manifests");
  private static final Map<String, String> VALUES = Map.of(
      "stage", "dev",
      ManifestValues.NAMESPACE, "vod",
      ManifestValues.PROFILE, "test",
      ManifestValues.AWS_ENDPOINT, "http://aws.vod:4566",
      ManifestValues.REGION, "eu-west-3");

  private final ManifestLoader loader = new ManifestLoader();

  @Test
  @DisplayName("a directory gives its *.yaml and *.yml files in name order, not other files nor subdirectories")
  void readsDirectoriesInOrder() {
    // When the directory is loaded
    List<ManifestDocument> docs = loader.load(List.of(MANIFESTS), VALUES);

    // Then every object of both files comes, in file and document order
    assertThat(docs).extracting(ManifestDocument::displayName).as("objects in order").containsExactly(
        "ConfigMap vod/app-config", "Deployment other/app", "Service vod/app", "Namespace other", "ClusterRole app-reader");
    assertThat(docs).extracting(d -> d.file().getFileName().toString()).as("notes.txt and nested/ are not read")
        .containsOnly("10-app.yaml", "20-cluster.yml");
  }

  @Test
  @DisplayName("documents are numbered skipping empty and comment-only ones; a List gives its items; each knows its line")
  void numbersDocuments() {
    // When the multi-document file is loaded
    List<ManifestDocument> docs = loader.load(List.of(MANIFESTS.resolve("10-app.yaml")), VALUES);

    // Then the ConfigMap is document 1 at line 5, and the List is document 2 with two items
    assertThat(docs).extracting(ManifestDocument::document, ManifestDocument::item, ManifestDocument::line)
        .as("(document, item, line)")
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1, 0, 5),
            org.assertj.core.groups.Tuple.tuple(2, 1, 17),
            org.assertj.core.groups.Tuple.tuple(2, 2, 17));
    assertThat(docs.get(2).location()).isEqualTo(MANIFESTS.resolve("10-app.yaml") + ", document 2, item 2 (line 17)");
  }

  @Test
  @DisplayName("placeholders are filled before parsing (so a number stays a number); defaults apply; $${ and $VAR stay literal")
  void fillsPlaceholders() {
    // When the file is loaded with stage=dev and no replicas value
    List<ManifestDocument> docs = loader.load(List.of(MANIFESTS.resolve("10-app.yaml")), VALUES);

    // Then values are filled, the default is taken, and the escapes are kept literal
    var configMap = docs.get(0).object();
    Map<String, String> data = configMap.get("data");
    assertThat(data.get("stage")).isEqualTo("dev");
    assertThat(data.get("replicas")).as("${replicas:-2} takes its default").isEqualTo("2");
    assertThat(data.get("script")).as("$HOME and $${...} are not placeholders")
        .isEqualTo("echo \"$HOME stays, and so does ${NOT_A_PLACEHOLDER}\"\n");
    Object replicas = docs.get(1).object().get("spec", "replicas");
    assertThat(replicas).as("an unquoted placeholder parses as YAML would parse its value").isEqualTo(2);
    List<Map<String, String>> env = docs.get(1).object().get("spec", "template", "spec", "containers", 0, "env");
    assertThat(env).extracting(e -> e.get("value")).containsExactly("http://aws.vod:4566", "test");
  }

  @Test
  @DisplayName("objects without a namespace go to devenv.namespace; cluster-scoped kinds have none, even when one is written")
  void resolvesNamespaces() {
    // When the directory is loaded with devenv.namespace=vod
    List<ManifestDocument> docs = loader.load(List.of(MANIFESTS), VALUES);

    // Then namespaces are as written, else vod; cluster-scoped kinds have null
    assertThat(docs).extracting(ManifestDocument::namespace).containsExactly("vod", "other", "vod", null, null);
    assertThat(docs.get(4).object().getMetadata().getNamespace()).as("the object agrees with its document").isNull();
  }

  @Test
  @DisplayName("custom resources are namespaced or not as their CustomResourceDefinition in the manifests says")
  void customResourceScopeFromCrd(@TempDir Path dir) throws IOException {
    // Given a cluster-scoped CRD and a namespaced one, with one object of each
    Path file = write(dir, "crds.yaml", crd("gadgets", "Gadget", "Cluster") + "---\n" + crd("widgets", "Widget", "Namespaced")
        + "---\napiVersion: example.devenv.io/v1\nkind: Gadget\nmetadata: {name: g1}\n"
        + "---\napiVersion: example.devenv.io/v1\nkind: Widget\nmetadata: {name: w1}\n");

    // When loaded
    List<ManifestDocument> docs = loader.load(List.of(file), VALUES);

    // Then the Gadget has no namespace and the Widget gets the default one
    assertThat(docs).extracting(ManifestDocument::displayName)
        .containsExactly("CustomResourceDefinition gadgets.example.devenv.io", "CustomResourceDefinition widgets.example.devenv.io",
            "Gadget g1", "Widget vod/w1");
  }

  @Test
  @DisplayName("an unknown placeholder is an error naming the file, the document and the line, with the way out")
  void unknownPlaceholder(@TempDir Path dir) throws IOException {
    // Given a second document that uses an undefined placeholder on its third line
    Path file = write(dir, "bad.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\n"
        + "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\ndata: {x: \"${missing}\"}\n");

    // When loaded
    DevenvException e = catchThrowableOfType(DevenvException.class, () -> loader.load(List.of(file), VALUES));

    // Then the message points at bad.yaml, document 2, line 8
    assertThat(e.exitCode()).as("a manifest problem is bad input").isEqualTo(ExitCode.INVALID_INPUT);
    assertThat(e.getMessage()).isEqualTo(file + ", document 2 (line 8): unknown placeholder ${missing};"
        + " define it under `variables` in the profile (or write $${missing} for a literal ${missing})");
  }

  @Test
  @DisplayName("objects without apiVersion, kind or metadata.name are errors, all reported at once")
  void missingIdentity(@TempDir Path dir) throws IOException {
    // Given three broken documents and a good one
    Path file = write(dir, "broken.yaml", "kind: ConfigMap\nmetadata: {name: a}\n---\napiVersion: v1\nmetadata: {name: b}\n"
        + "---\napiVersion: v1\nkind: ConfigMap\nmetadata: {generateName: c-}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: d}\n");

    // When loaded
    DevenvException e = catchThrowableOfType(DevenvException.class, () -> loader.load(List.of(file), VALUES));

    // Then each broken document is named, with what it lacks
    assertThat(e.getMessage()).startsWith("3 problems in the Kubernetes manifests (first: ");
    assertThat(e.detail()).isEqualTo(String.join("\n",
        file + ", document 1 (line 1): no apiVersion",
        file + ", document 2 (line 4): no kind",
        file + ", document 3 (line 7): no metadata.name (generateName cannot be applied twice: give a name)"));
  }

  @Test
  @DisplayName("YAML that does not parse, the same object twice, and a missing path are errors naming where")
  void otherProblems(@TempDir Path dir) throws IOException {
    // Given a file with a syntax error in its second document, a duplicate, and a path that does not exist
    Path bad = write(dir, "syntax.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\n"
        + "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: b\n");
    Path twice = write(dir, "twice.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n");
    Path missing = dir.resolve("nowhere");

    // When loaded together
    DevenvException e = catchThrowableOfType(DevenvException.class, () -> loader.load(List.of(bad, twice, missing), VALUES));

    // Then all three are reported, each with its place
    List<String> lines = e.detail().lines().toList();
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).isEqualTo(missing + ": no such file or directory");
    assertThat(lines.get(1)).as("the parse error names the document and the line, in one line")
        .isEqualTo(bad + ", document 2 (line 7): not valid YAML: while parsing a flow mapping: expected ',' or '}', but got <stream end>");
    assertThat(lines.get(2)).isEqualTo(twice + ", document 1 (line 1): ConfigMap vod/a is already defined at " + bad + ", document 1 (line 1)");
  }

  @Test
  @DisplayName("every manifest of the sample platform loads, with the profile's variables and devenv's values")
  void samplePlatformLoads() {
    // Given the k8s directory or the Helm chart of every sample app
    Path fixtures = Fixtures.root().resolve("fixtures");
    List<Path> dirs = List.of("images", "user-preferences", "catalog-api").stream()
        .map(app -> fixtures.resolve(app).resolve(".cloud/k8s")).toList();
    List<io.devenv.profile.ChartSpec> charts = List.of("events-collector", "time-api").stream()
        .map(app -> new io.devenv.profile.ChartSpec(io.devenv.profile.Origin.NONE, fixtures.resolve(app).resolve(".cloud/chart"),
            app, "vod", List.of(), Map.of("stage", "dev")))
        .toList();

    // When loaded
    List<ManifestDocument> docs = loader.load(dirs, charts, VALUES);

    // Then the apps' objects are all there, placeholders filled
    assertThat(docs).extracting(ManifestDocument::displayName).contains(
        "Deployment vod/thumbnailer", "CronJob vod/thumbnail-sweeper", "Deployment vod/events-collector",
        "Deployment vod/user-preferences", "Service vod/user-preferences", "Deployment vod/catalog-api",
        "Deployment vod/time-api", "Service vod/time-api");
    assertThat(docs).extracting(d -> d.object().getMetadata().getLabels().get("stage")).as("${stage} filled wherever used")
        .doesNotContain("${stage}");
  }

  @Test
  @DisplayName("the large multi-document fixture gives 63 objects of 18 kinds, the CRD's Widgets in the namespace")
  void largeFileLoads() {
    // When the large fixture is loaded
    List<ManifestDocument> docs = loader.load(List.of(Fixtures.root().resolve("fixtures/large/.cloud/k8s")), VALUES);

    // Then it holds what its header says
    Map<String, Long> kinds = docs.stream().collect(Collectors.groupingBy(ManifestDocument::kind, TreeMap::new, Collectors.counting()));
    assertThat(docs).hasSize(63);
    assertThat(kinds).containsEntry("ConfigMap", 10L).containsEntry("Deployment", 8L).containsEntry("CustomResourceDefinition", 1L)
        .containsEntry("Widget", 2L).containsEntry("Secret", 7L).containsEntry("Service", 9L).hasSize(18);
    assertThat(docs).filteredOn(d -> d.kind().equals("Widget")).extracting(ManifestDocument::namespace).containsOnly("vod");
  }

  @Test
  @DisplayName("for the plan, a profile's objects come in apply order, the AWS endpoint assumed on the usual port")
  void forPlan() {
    // Given the sample platform, with no emulator running
    var profile = TestProfiles.sample("default.yaml");

    // When its objects are listed for the plan
    List<ManifestDocument> docs = loader.forPlan(profile);

    // Then ServiceAccounts and ConfigMaps come before workloads, and placeholders are filled
    List<String> kinds = docs.stream().map(ManifestDocument::kind).toList();
    assertThat(kinds.indexOf("ServiceAccount")).isLessThan(kinds.indexOf("Deployment"));
    assertThat(kinds.lastIndexOf("ConfigMap")).isLessThan(kinds.indexOf("Service"));
    assertThat(kinds.lastIndexOf("Deployment")).isLessThan(kinds.indexOf("CronJob"));
    ManifestDocument thumbnailer = docs.stream().filter(d -> d.name().equals("thumbnailer") && d.kind().equals("Deployment")).findFirst().orElseThrow();
    List<Map<String, String>> env = thumbnailer.object().get("spec", "template", "spec", "containers", 0, "env");
    assertThat(env.get(0).get("value")).isEqualTo("http://aws.vod:4566/000000000000/thumbnails");
  }

  static Path write(Path dir, String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return file;
  }

  static String crd(String plural, String kind, String scope) {
    return "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: " + plural + ".example.devenv.io}\n"
        + "spec:\n  group: example.devenv.io\n  scope: " + scope + "\n"
        + "  names: {plural: " + plural + ", singular: " + kind.toLowerCase() + ", kind: " + kind + "}\n"
        + "  versions: [{name: v1, served: true, storage: true, schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}}]\n";
  }
}
