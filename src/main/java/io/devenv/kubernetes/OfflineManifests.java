package io.devenv.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.devenv.core.CheckCache;
import io.devenv.core.DevenvException;
import io.devenv.profile.ChartSpec;
import io.devenv.profile.KubernetesSpec;
import io.devenv.profile.Origin;
import io.devenv.profile.Problem;
import io.devenv.profile.Profile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A profile's manifests and Helm charts loaded once and checked without a cluster, as {@code validate}
 * and {@code plan} need them: the loader's problems, else the type and reference problems and the
 * objects in the order {@code up} applies them. Kept in the {@link CheckCache}, keyed by every manifest
 * and chart file, so that unchanged manifests are not parsed, rendered by Helm or type-checked again.
 *
 * @param loadProblems what loading found, one line each (the loader's message or detail); empty when loaded
 * @param problems what {@link ManifestChecks} finds in the loaded objects
 * @param ordered the objects in apply order (empty when loading failed)
 */
public record OfflineManifests(List<String> loadProblems, List<Located> problems, List<ObjectRef> ordered) {

  /** A problem as the cache stores it. */
  public record Located(String file, int line, int column, String message) {
    static Located of(Problem p) {
      return new Located(p.origin().file() == null ? null : p.origin().file().toString(), p.origin().line(),
          p.origin().column(), p.message());
    }

    Problem problem() {
      return new Problem(file == null ? Origin.NONE : new Origin(Path.of(file), line, column), message);
    }
  }

  private static final OfflineManifests NOTHING = new OfflineManifests(List.of(), List.of(), List.of());

  public OfflineManifests {
    loadProblems = List.copyOf(loadProblems);
    problems = List.copyOf(problems);
    ordered = List.copyOf(ordered);
  }

  /** The profile's manifests checked, from the cache when none of their files changed. */
  public static OfflineManifests of(Profile profile, CheckCache cache) {
    KubernetesSpec spec = profile.kubernetes();
    List<Path> manifests = spec == null || spec.manifests() == null ? List.of() : spec.manifests();
    if (spec == null || !spec.enabled() || (manifests.isEmpty() && spec.charts().isEmpty())) {
      return NOTHING;
    }
    Map<String, String> values = ManifestValues.of(profile, null, spec.namespace());
    List<Path> inputs = new ArrayList<>(manifests);
    for (ChartSpec chart : spec.charts()) {
      inputs.add(chart.path());
      inputs.addAll(chart.values());
    }
    // Everything else the loader and the checks read; messages name files relative to the working directory.
    StringBuilder options = new StringBuilder("manifests ").append(manifests).append("; verbatim ").append(spec.verbatim())
        .append("; namespace ").append(spec.namespace()).append("; aws ").append(profile.needsAws())
        .append("; profile ").append(profile.file().toAbsolutePath()).append("; cwd ").append(Path.of("").toAbsolutePath())
        .append("; values ").append(new TreeMap<>(values));
    for (ChartSpec c : spec.charts()) {
      options.append("; chart ").append(c.path()).append(' ').append(c.release()).append(' ').append(c.namespace())
          .append(' ').append(c.values()).append(' ').append(c.set());
    }
    return cache.get("manifests", inputs, options.toString(), CODEC, () -> check(profile, manifests, values));
  }

  private static final CheckCache.Codec<OfflineManifests> CODEC = new CheckCache.Codec<>(OfflineManifests::toJson,
      OfflineManifests::fromJson);

  private JsonNode toJson() {
    ObjectNode node = CheckCache.nodes().objectNode();
    loadProblems.forEach(node.putArray("loadProblems")::add);
    ArrayNode located = node.putArray("problems");
    for (Located p : problems) {
      located.addObject().put("file", p.file()).put("line", p.line()).put("column", p.column()).put("message", p.message());
    }
    ArrayNode refs = node.putArray("ordered");
    for (ObjectRef r : ordered) {
      refs.addObject().put("apiVersion", r.apiVersion()).put("kind", r.kind()).put("namespace", r.namespace()).put("name", r.name());
    }
    return node;
  }

  private static OfflineManifests fromJson(JsonNode node) {
    List<String> loadProblems = new ArrayList<>();
    node.required("loadProblems").forEach(l -> loadProblems.add(l.textValue()));
    List<Located> problems = new ArrayList<>();
    for (JsonNode p : node.required("problems")) {
      problems.add(new Located(p.required("file").textValue(), p.required("line").intValue(), p.required("column").intValue(),
          p.required("message").textValue()));
    }
    List<ObjectRef> ordered = new ArrayList<>();
    for (JsonNode r : node.required("ordered")) {
      ordered.add(new ObjectRef(r.required("apiVersion").textValue(), r.required("kind").textValue(),
          r.required("namespace").textValue(), r.required("name").textValue()));
    }
    return new OfflineManifests(loadProblems, problems, ordered);
  }

  private static OfflineManifests check(Profile profile, List<Path> manifests, Map<String, String> values) {
    KubernetesSpec spec = profile.kubernetes();
    List<ManifestDocument> documents;
    try {
      documents = new ManifestLoader().load(manifests, spec.charts(), values, spec::isVerbatim);
    } catch (DevenvException e) {
      String all = e.detail() != null ? e.detail() : e.getMessage();
      return new OfflineManifests(all.lines().toList(), List.of(), List.of());
    }
    List<Located> problems = ManifestChecks.problems(profile, documents).stream().map(Located::of).toList();
    List<ObjectRef> ordered = ApplyOrder.sort(documents).stream().map(ManifestDocument::ref).toList();
    return new OfflineManifests(List.of(), problems, ordered);
  }

  /** The problems {@link ManifestChecks#problems(Profile)} reports: the loader's at the profile, else the objects'. */
  public List<Problem> allProblems(Profile profile) {
    if (!loadProblems.isEmpty()) {
      return loadProblems.stream().map(l -> new Problem(Origin.of(profile.file()), l)).toList();
    }
    return problems.stream().map(Located::problem).toList();
  }

  /**
   * @return the objects in apply order
   * @throws DevenvException (exit 2) as the loader throws it, when loading found a problem
   */
  public List<ObjectRef> orderedOrThrow() {
    if (!loadProblems.isEmpty()) {
      throw ManifestLoader.problems(loadProblems);
    }
    return ordered;
  }
}
