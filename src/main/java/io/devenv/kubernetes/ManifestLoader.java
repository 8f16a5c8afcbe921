package io.devenv.kubernetes;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.devenv.core.DevenvException;
import io.devenv.core.ExitCode;
import io.devenv.profile.ChartSpec;
import io.devenv.profile.Origin;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads Kubernetes objects from manifest files and directories.
 *
 * <p>A directory contributes its {@code *.yaml} and {@code *.yml} files (not those of its
 * subdirectories), sorted by name, as {@code kubectl apply -f dir} does. A file may hold many
 * documents separated by {@code ---}; documents that hold only comments are skipped; a
 * {@code List} document ({@code kind: List} or any {@code *List} kind with {@code items})
 * contributes its items. {@code ${name}} placeholders are filled from the values (see
 * {@link ManifestValues}) before the YAML is parsed; {@code $${} writes a literal {@code ${}.
 *
 * <p>Every problem is collected and reported at once, each naming the file, document and line:
 * an unknown placeholder, YAML that does not parse, an object without {@code apiVersion},
 * {@code kind} or {@code metadata.name}, the same object defined twice.
 */
public final class ManifestLoader {

  /** A line that starts a new document ("---") or ends one ("..."). */
  private static final Pattern SEPARATOR = Pattern.compile("^(---|\\.\\.\\.)(\\s.*)?$");

  private static final YAMLMapper YAML = new YAMLMapper();
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  /**
   * Loads every object of the given files and directories, in order.
   *
   * @param manifests files or directories, as the profile lists them (absolute or relative to the
   *     working directory)
   * @param values placeholder values; {@code devenv.namespace}, when present, is the namespace of
   *     objects that name none (else {@code default})
   * @throws DevenvException (exit 2) listing every problem found
   */
  public List<ManifestDocument> load(List<Path> manifests, Map<String, String> values) {
    return load(manifests, List.of(), values);
  }

  /** As {@link #load(List, List, Map, java.util.function.Predicate)}, with every manifest's placeholders filled. */
  public List<ManifestDocument> load(List<Path> manifests, List<ChartSpec> charts, Map<String, String> values) {
    return load(manifests, charts, values, file -> false);
  }

  /**
   * Loads the objects of the manifests, then of each Helm chart as {@link HelmCharts} renders it.
   * A chart's objects are named after their template ({@code chart/templates/deployment.yaml}),
   * take the chart's namespace when they name none, and get no {@code ${...}} filling (Helm did the templating).
   * Manifests for which {@code verbatim} holds are left as written too: their {@code ${...}}
   * belong to someone else (a shell script in a container, a third-party manifest).
   */
  public List<ManifestDocument> load(List<Path> manifests, List<ChartSpec> charts, Map<String, String> values,
      java.util.function.Predicate<Path> verbatim) {
    String defaultNamespace = values.getOrDefault(ManifestValues.NAMESPACE, "default");
    List<String> problems = new ArrayList<>();
    List<Parsed> parsed = new ArrayList<>();
    for (Path file : files(manifests, problems)) {
      parseFile(file, verbatim.test(file) ? null : values, parsed, problems);
    }
    for (ChartSpec chart : charts) {
      HelmCharts.Rendered rendered = HelmCharts.render(chart, values);
      int first = parsed.size();
      // Helm installs crds/ as written (never templated) before the templates; the deployer applies CRDs first
      for (Path crd : HelmCharts.crdFiles(chart)) {
        parseFile(crd, null, parsed, problems);
      }
      bySource(chart, rendered.yaml()).forEach((template, text) -> parseText(template, text, null, parsed, problems));
      for (int i = first; i < parsed.size(); i++) {
        Parsed p = parsed.get(i);
        String ns = p.object.getMetadata().getNamespace();
        if (ns == null || ns.isEmpty()) {
          p.object.getMetadata().setNamespace(chart.namespace());
        }
      }
    }
    List<GenericKubernetesResource> crds = parsed.stream()
        .filter(p -> ApiKinds.isCrd(p.object.getApiVersion(), p.object.getKind()))
        .map(Parsed::object)
        .toList();
    ApiKinds kinds = new ApiKinds(crds, null);
    List<ManifestDocument> documents = new ArrayList<>();
    Map<String, ManifestDocument> seen = new HashMap<>();
    for (Parsed p : parsed) {
      GenericKubernetesResource object = p.object;
      String namespace = object.getMetadata().getNamespace();
      // Unknown kinds are taken as namespaced here; the deployer asks the cluster again.
      boolean namespaced = kinds.namespaced(object.getApiVersion(), object.getKind()).orElse(true);
      namespace = namespaced ? (namespace == null || namespace.isEmpty() ? defaultNamespace : namespace) : null;
      object.getMetadata().setNamespace(namespace);
      ManifestDocument document = new ManifestDocument(p.file, p.document, p.item, p.line,
          object.getApiVersion(), object.getKind(), namespace, object.getMetadata().getName(), object);
      ManifestDocument earlier = seen.putIfAbsent(key(document.ref()), document);
      if (earlier != null) {
        problems.add(document.location() + ": " + document.displayName() + " is already defined at " + earlier.location());
      } else {
        documents.add(document);
      }
    }
    if (!problems.isEmpty()) {
      throw problems(problems);
    }
    return List.copyOf(documents);
  }

  /**
   * The objects of a profile's manifests in the order devenv applies them, for {@code devenv plan}:
   * nothing runs yet, so {@code ${devenv.awsEndpoint}} assumes the emulator's usual port (see
   * {@link ManifestValues#of}). Empty when Kubernetes is disabled.
   */
  public List<ManifestDocument> forPlan(io.devenv.profile.Profile profile) {
    var spec = profile.kubernetes();
    if (spec == null || !spec.enabled() || spec.manifests() == null) {
      return List.of();
    }
    return ApplyOrder.sort(load(spec.manifests(), spec.charts(), ManifestValues.of(profile, null, spec.namespace()), spec::isVerbatim));
  }

  static String key(ObjectRef ref) {
    return ref.group() + "/" + ref.kind() + "/" + (ref.namespace() == null ? "" : ref.namespace()) + "/" + ref.name();
  }

  private record Parsed(Path file, int document, int item, int line, GenericKubernetesResource object) {}

  private static List<Path> files(List<Path> manifests, List<String> problems) {
    List<Path> files = new ArrayList<>();
    for (Path path : manifests) {
      if (Files.isDirectory(path)) {
        try (Stream<Path> listing = Files.list(path)) {
          List<Path> found = listing
              .filter(f -> Files.isRegularFile(f) && (f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")))
              .sorted()
              .collect(Collectors.toList());
          if (found.isEmpty()) {
            problems.add(Origin.display(path) + ": no *.yaml or *.yml file in this directory");
          }
          files.addAll(found);
        } catch (IOException e) {
          problems.add(Origin.display(path) + ": cannot list the directory: " + e.getMessage());
        }
      } else if (Files.isRegularFile(path)) {
        files.add(path);
      } else {
        problems.add(Origin.display(path) + ": no such file or directory");
      }
    }
    return files;
  }

  /** Helm's output cut by its "# Source: chart/templates/x.yaml" comments, keyed by the template's path. */
  private static Map<Path, String> bySource(ChartSpec chart, String yaml) {
    Map<Path, String> out = new java.util.LinkedHashMap<>();
    Path current = chart.path().resolve("Chart.yaml");
    for (String document : yaml.split("(?m)^---\\s*$")) {
      var m = SOURCE.matcher(document);
      if (m.find()) {
        String source = m.group(1).strip();
        int slash = source.indexOf('/');
        current = chart.path().resolve(slash < 0 ? source : source.substring(slash + 1)).normalize();
      }
      if (!document.isBlank()) {
        out.merge(current, document, (a, b) -> a + "---\n" + b);
      }
    }
    return out;
  }

  private static final Pattern SOURCE = Pattern.compile("(?m)^# Source: (.+)$");

  private static void parseFile(Path file, Map<String, String> values, List<Parsed> out, List<String> problems) {
    String text;
    try {
      java.util.Optional<String> decoded = io.devenv.core.Utf8.decode(
          io.devenv.core.SafeFiles.read(file, io.devenv.core.SafeFiles.MANIFEST_LIMIT));
      if (decoded.isEmpty()) {
        problems.add(Origin.display(file) + ": not UTF-8 text");
        return;
      }
      text = decoded.get();
    } catch (IOException e) {
      problems.add(Origin.display(file) + ": cannot read: " + io.devenv.core.SafeFiles.reason(e));
      return;
    }
    parseText(file, text, values, out, problems);
  }

  /** @param values placeholder values, or null to leave ${...} as written (a rendered chart) */
  private static void parseText(Path file, String text, Map<String, String> values, List<Parsed> out, List<String> problems) {
    int document = 0;
    for (Chunk chunk : split(text)) {
      if (chunk.isBlank()) {
        continue;
      }
      document++;
      int line = chunk.firstContentLine();
      String where = ManifestDocument.location(file, document, 0, line);
      Placeholders.Result filled = values == null ? new Placeholders.Result(chunk.text, List.of())
          : Placeholders.fill(chunk.text, values);
      for (Placeholders.Unknown unknown : filled.unknown()) {
        problems.add(ManifestDocument.location(file, document, 0, chunk.firstLine + unknown.line() - 1)
            + ": unknown placeholder ${" + unknown.name() + "}; define it under `variables` in the profile"
            + " (or write $${" + unknown.name() + "} for a literal ${" + unknown.name() + "})");
      }
      if (!filled.unknown().isEmpty()) {
        continue;
      }
      JsonNode node;
      try {
        node = YamlTree.read(filled.text());
      } catch (JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        int errorLine = at == null ? line : chunk.firstLine + at.getLineNr() - 1;
        problems.add(ManifestDocument.location(file, document, 0, errorLine) + ": not valid YAML: " + oneLine(e.getOriginalMessage()));
        continue;
      }
      if (node == null || node.isMissingNode() || node.isNull()) {
        continue; // e.g. a document that is only "~"
      }
      if (!node.isObject()) {
        problems.add(where + ": expected a Kubernetes object (a mapping), found " + node.getNodeType().toString().toLowerCase());
        continue;
      }
      if (isList(node)) {
        int item = 0;
        for (JsonNode element : node.get("items")) {
          item++;
          toObject(element, file, document, item, line, out, problems);
        }
      } else {
        toObject(node, file, document, 0, line, out, problems);
      }
    }
  }

  /** SnakeYAML's message without its source excerpt: "while parsing a flow mapping: expected ',' or '}'...". */
  private static String oneLine(String message) {
    return message.lines().filter(l -> !l.isBlank() && !Character.isWhitespace(l.charAt(0))).collect(Collectors.joining(": "));
  }

  private static boolean isList(JsonNode node) {
    JsonNode kind = node.get("kind");
    return kind != null && kind.isTextual() && kind.asText().endsWith("List") && node.path("items").isArray();
  }

  private static void toObject(
      JsonNode node, Path file, int document, int item, int line, List<Parsed> out, List<String> problems) {
    String where = ManifestDocument.location(file, document, item, line);
    if (!node.isObject()) {
      problems.add(where + ": expected a Kubernetes object (a mapping)");
      return;
    }
    List<String> missing = new ArrayList<>();
    if (!hasText(node.get("apiVersion"))) {
      missing.add("apiVersion");
    }
    if (!hasText(node.get("kind"))) {
      missing.add("kind");
    }
    if (!hasText(node.path("metadata").get("name"))) {
      missing.add("metadata.name");
    }
    if (!missing.isEmpty()) {
      problems.add(where + ": no " + String.join(", no ", missing)
          + (node.path("metadata").has("generateName") ? " (generateName cannot be applied twice: give a name)" : ""));
      return;
    }
    JsonNode namespace = node.path("metadata").get("namespace");
    if (namespace != null && !namespace.isNull() && !namespace.isTextual()) {
      problems.add(where + ": metadata.namespace must be a string");
      return;
    }
    try {
      out.add(new Parsed(file, document, item, line, SERIALIZATION.convertValue((ObjectNode) node, GenericKubernetesResource.class)));
    } catch (IllegalArgumentException e) {
      problems.add(where + ": not a Kubernetes object: " + e.getMessage());
    }
  }

  private static boolean hasText(JsonNode node) {
    return node != null && node.isTextual() && !node.asText().isBlank();
  }

  static DevenvException problems(List<String> problems) {
    if (problems.size() == 1) {
      return new DevenvException(ExitCode.INVALID_INPUT, problems.get(0));
    }
    return new DevenvException(ExitCode.INVALID_INPUT,
        problems.size() + " problems in the Kubernetes manifests (first: " + problems.get(0) + ")",
        String.join("\n", problems), null);
  }

  /** A document's text and the file line it starts on. */
  private record Chunk(String text, int firstLine) {
    boolean isBlank() {
      return text.lines().allMatch(l -> l.isBlank() || l.strip().startsWith("#"));
    }

    int firstContentLine() {
      List<String> lines = text.lines().toList();
      for (int i = 0; i < lines.size(); i++) {
        if (!lines.get(i).isBlank() && !lines.get(i).strip().startsWith("#")) {
          return firstLine + i;
        }
      }
      return firstLine;
    }
  }

  /**
   * Cuts a file into documents at lines that start with "---" or "...". A YAML document cannot
   * contain such a line at column 0 (not even a block scalar), so this cut is exact.
   */
  private static List<Chunk> split(String text) {
    List<Chunk> chunks = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    int start = 1;
    int lineNo = 0;
    for (String line : text.split("\r?\n", -1)) {
      lineNo++;
      var m = SEPARATOR.matcher(line);
      if (m.matches()) {
        chunks.add(new Chunk(current.toString(), start));
        current.setLength(0);
        start = lineNo;
        // Whatever follows "---" on its line (a comment, rarely a value) opens the next document.
        String rest = m.group(2) == null || m.group(1).equals("...") ? "" : m.group(2);
        current.append(rest).append('\n');
      } else {
        current.append(line).append('\n');
      }
    }
    chunks.add(new Chunk(current.toString(), start));
    return chunks;
  }
}
