package io.devenv.profile;

import io.devenv.core.CheckCache;
import io.devenv.core.Reads;
import io.devenv.core.SafeFiles;
import io.devenv.profile.Interpolation.UnsetException;
import io.devenv.profile.terraform.NotEmulated;
import io.devenv.profile.terraform.TerraformImport;
import io.devenv.profile.yaml.YamlNode;
import io.devenv.profile.yaml.YamlNode.Entry;
import io.devenv.profile.yaml.YamlNode.Mapping;
import io.devenv.profile.yaml.YamlNode.Scalar;
import io.devenv.profile.yaml.YamlNode.Sequence;
import io.devenv.profile.yaml.YamlReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Loads a profile: parses it strictly, merges what it extends, fills variables, binds it to the
 * records and checks every rule, reporting every problem at once in a {@link ProfileException}.
 */
public final class ProfileLoader {

  /** The check cache's name for a loaded profile. */
  static final String CACHE_KIND = "profile";

  private static final CheckCache.Codec<Loaded> CODEC = new CheckCache.Codec<>(
      loaded -> ProfileCodec.write(loaded, Loaded.class), node -> (Loaded) ProfileCodec.read(node, Loaded.class));

  private final Map<String, String> environment;
  private final Reads reads;
  private List<NotEmulated> notEmulated = List.of();

  /**
   * A profile as loaded, and what its Terraform declares that devenv does not create.
   *
   * @param notEmulated "aws_iam_role.thumbnailer (main.tf:98)" and the like, in the order declared
   */
  public record Loaded(Profile profile, List<NotEmulated> notEmulated) {}

  /** A loader that reads {@code ${VAR}} from the process environment. */
  public ProfileLoader() {
    this(System.getenv());
  }

  /** A loader with the given environment variables (tests pass their own). */
  public ProfileLoader(Map<String, String> environment) {
    this(environment, Reads.NONE);
  }

  private ProfileLoader(Map<String, String> environment, Reads reads) {
    this.environment = Map.copyOf(environment);
    this.reads = reads;
  }

  /** Loads the profile in {@code file}. */
  public static Profile load(Path file) {
    return new ProfileLoader().loadFile(file);
  }

  /**
   * Loads the profile in {@code file}, or takes it from {@code cache} when none of the files it was made
   * from (the profile, what it extends, its Terraform, every path it names) nor the environment variables
   * it read changed since it was kept. A profile with problems is never kept: each run reports them all.
   */
  public static Profile load(Path file, CheckCache cache) {
    return load(file, cache, System.getenv());
  }

  /** {@link #load(Path, CheckCache)} with the given environment variables (tests pass their own). */
  public static Profile load(Path file, CheckCache cache, Map<String, String> environment) {
    Path absolute = file.toAbsolutePath().normalize();
    Loaded loaded = cache.get(CACHE_KIND, absolute.toString(), environment, CODEC, () -> {
      Reads reads = Reads.recording();
      ProfileLoader loader = new ProfileLoader(environment, reads);
      Profile profile = loader.loadFile(absolute);
      return new CheckCache.Found<>(new Loaded(profile, loader.notEmulated), reads);
    });
    TerraformImport.remember(loaded.profile(), loaded.notEmulated());
    return loaded.profile();
  }

  /** Loads {@code yaml} as if it were the content of {@code pretendFile} (paths resolve from its directory). */
  public static Profile parse(String yaml, Path pretendFile) {
    return new ProfileLoader().loadContent(pretendFile, yaml.getBytes(StandardCharsets.UTF_8));
  }

  public Profile loadFile(Path file) {
    Path absolute = file.toAbsolutePath().normalize();
    List<Problem> problems = new ArrayList<>();
    byte[] bytes = readBytes(absolute, Origin.of(absolute), problems);
    if (bytes == null) {
      throw new ProfileException(absolute, problems);
    }
    return loadContent(absolute, bytes);
  }

  public Profile loadContent(Path file, byte[] content) {
    Path absolute = file.toAbsolutePath().normalize();
    List<Problem> problems = new ArrayList<>();
    Mapping tree = resolve(absolute, content, new ArrayList<>(), new HashMap<>(), problems);
    if (tree == null) {
      throw new ProfileException(absolute, sorted(problems, absolute));
    }
    // extends was used up by resolve(): bind the rest, and record the parents as resolved paths
    List<Path> parents = extendsOf(tree, new ArrayList<>()).stream()
        .map(s -> absolute.getParent().resolve(s.text()).normalize())
        .toList();
    Map<String, String> variables = variables(tree, problems);
    Mapping filled = (Mapping) interpolate(without(tree, "extends"), name -> lookup(name, variables), problems, "");
    Binder binder = new Binder(problems, reads);
    Profile bound = withTerraform(binder.bind(filled, Profile.class), problems);
    Validator validator = new Validator(problems, binder.locations());
    validator.validate(bound);
    Profile profile = withDefaults(bound, absolute, parents, variables);
    validator.name(profile.name(), bound.name() != null ? binder.locations().of(bound, "name") : Origin.of(absolute),
        bound.name() == null);
    if (!problems.isEmpty()) {
      throw new ProfileException(absolute, sorted(problems, absolute));
    }
    TerraformImport.remember(profile, notEmulated);
    return profile;
  }

  /**
   * Reads a file and everything it extends, merged; null when it cannot be read at all. Each file
   * is read once ({@code done}): a diamond of extends would otherwise double the work per level.
   */
  private Mapping resolve(Path file, byte[] content, List<Path> chain, Map<Path, Optional<Mapping>> done,
      List<Problem> problems) {
    chain.add(file);
    try {
      YamlNode root = YamlReader.read(file, content, problems);
      if (root == null) {
        if (problems.isEmpty()) {
          problems.add(new Problem(Origin.of(file), "the profile is empty; declare at least 'aws' or 'kubernetes'"));
        }
        return null;
      }
      if (!(root instanceof Mapping own)) {
        // Named by kind only: the file may be anything (/etc/passwd), and its content is not ours to print.
        String kind = root instanceof Sequence ? "a list" : root instanceof Scalar s && s.value() instanceof String
            ? "plain text" : "a single value";
        problems.add(new Problem(root.origin(), "a profile is a map of keys (name, aws, kubernetes, seed...), not "
            + kind));
        return null;
      }
      Mapping merged = null;
      for (Scalar parent : extendsOf(own, problems)) {
        Path parentFile = file.getParent().resolve(parent.text()).normalize();
        if (chain.contains(parentFile)) {
          problems.add(new Problem(parent.origin(), "extends cycle: " + cycle(chain, parentFile)));
          continue;
        }
        Optional<Mapping> known = done.get(parentFile);
        if (known == null) {
          byte[] bytes = readBytes(parentFile, parent.origin(), problems);
          known = Optional.ofNullable(bytes == null ? null : resolve(parentFile, bytes, chain, done, problems));
          done.put(parentFile, known);
        }
        Mapping parentTree = known.orElse(null);
        if (parentTree != null) {
          Mapping inherited = without(parentTree, "name", "description", "extends");
          merged = merged == null ? inherited : Merger.merge(merged, inherited);
        }
      }
      return merged == null ? own : Merger.merge(merged, own);
    } finally {
      chain.remove(chain.size() - 1);
    }
  }

  private static List<Scalar> extendsOf(Mapping own, List<Problem> problems) {
    YamlNode node = own.get("extends");
    List<Scalar> parents = new ArrayList<>();
    if (node == null || node instanceof Scalar s && s.isNull()) {
      return parents;
    }
    List<YamlNode> items = node instanceof Sequence seq ? seq.items() : List.of(node);
    for (YamlNode item : items) {
      if (item instanceof Scalar s && s.value() instanceof String && s.text().contains("${")) {
        problems.add(new Problem(item.origin(), "extends cannot use ${...}: files are merged before variables are"
            + " read; write the path itself"));
      } else if (item instanceof Scalar s && s.value() instanceof String && !s.text().isBlank()) {
        parents.add(s);
      } else {
        problems.add(new Problem(item.origin(), "extends must be a path or a list of paths, not " + item.describe()));
      }
    }
    return parents;
  }

  private static String cycle(List<Path> chain, Path again) {
    List<String> names = new ArrayList<>();
    for (Path p : chain.subList(chain.indexOf(again), chain.size())) {
      names.add(p.getFileName().toString());
    }
    names.add(again.getFileName().toString());
    return String.join(" → ", names) + "; remove one of these extends";
  }

  private byte[] readBytes(Path file, Origin namedAt, List<Problem> problems) {
    boolean extended = namedAt.line() > 0;
    reads.read(file);
    try {
      return SafeFiles.read(file, SafeFiles.PROFILE_LIMIT);
    } catch (NoSuchFileException e) {
      String what = extended
          ? "extends a file that does not exist: " + Origin.display(file)
              + " (a path is relative to the directory of the file that names it)"
          : Origin.display(file) + " does not exist";
      problems.add(new Problem(namedAt, what));
      return null;
    } catch (SafeFiles.Refused e) {
      if (e.getMessage().startsWith("is a directory")) {
        problems.add(new Problem(namedAt, (extended ? "extends a directory: " : "a directory: ") + Origin.display(file)
            + "; name a profile file"));
      } else {
        // The problem's origin already names a file that was not reached through extends.
        problems.add(new Problem(namedAt, (extended ? "extends " + Origin.display(file) + ", which " : "the file ")
            + e.getMessage() + (e.getMessage().contains("limit") ? " (see docs/limits.md)" : "")));
      }
      return null;
    } catch (IOException e) {
      problems.add(new Problem(namedAt, "cannot read " + Origin.display(file) + ": " + SafeFiles.reason(e)));
      return null;
    }
  }

  private static Mapping without(Mapping map, String... keys) {
    Map<String, Entry> entries = new LinkedHashMap<>(map.entries());
    for (String key : keys) {
      entries.remove(key);
    }
    return new Mapping(map.origin(), entries);
  }

  /** The profile's variables, each filled from the environment; an environment variable of the same name wins. */
  private Map<String, String> variables(Mapping tree, List<Problem> problems) {
    Map<String, String> out = new LinkedHashMap<>();
    if (tree.get("variables") instanceof Mapping vars) {
      vars.entries().forEach((name, entry) -> {
        reads.variable(name);
        if (environment.containsKey(name)) {
          out.put(name, environment.get(name));
        } else if (entry.value() instanceof Scalar s && !s.isNull()) {
          String value = fill(s, this::environmentValue, problems);
          if (value != null) {
            out.put(name, value);
          }
        }
      });
    }
    return Collections.unmodifiableMap(out);
  }

  private String environmentValue(String name) {
    reads.variable(name);
    return environment.get(name);
  }

  private String lookup(String name, Map<String, String> variables) {
    String fromEnvironment = environmentValue(name);
    return fromEnvironment != null ? fromEnvironment : variables.get(name);
  }

  private static YamlNode interpolate(YamlNode node, Function<String, String> lookup, List<Problem> problems, String path) {
    if (node instanceof Mapping m) {
      Map<String, Entry> entries = new LinkedHashMap<>();
      m.entries().forEach((k, e) -> {
        // variables were filled on their own, from the environment only
        YamlNode value = path.isEmpty() && k.equals("variables") ? e.value() : interpolate(e.value(), lookup, problems, k);
        entries.put(k, new Entry(e.keyOrigin(), value));
      });
      return new Mapping(m.origin(), entries);
    }
    if (node instanceof Sequence s) {
      return new Sequence(s.origin(), s.items().stream().map(i -> interpolate(i, lookup, problems, path)).toList());
    }
    Scalar scalar = (Scalar) node;
    if (!(scalar.value() instanceof String)) {
      return scalar;
    }
    String filled = fill(scalar, lookup, problems);
    if (filled == null) {
      return new Scalar(scalar.origin(), Scalar.UNRESOLVED, scalar.text());
    }
    return filled.equals(scalar.text()) ? scalar : scalar.withText(filled);
  }

  private static String fill(Scalar s, Function<String, String> lookup, List<Problem> problems) {
    try {
      return Interpolation.fill(s.text(), lookup);
    } catch (UnsetException e) {
      String name = io.devenv.core.Text.excerpt(e.name());
      problems.add(new Problem(s.origin(), e.nested()
          ? "${" + name + ":-...} has another ${...} in its default, which devenv does not read; declare the default under"
              + " 'variables' and write ${" + name + ":-plain text}"
          : "${" + name + "} has no value: set the environment variable "
              + name + ", declare it under 'variables', or write ${" + name + ":-default}"));
      return null;
    }
  }

  /** The aws section with the resources of the Terraform directories it names (aws.terraform) added. */
  private Profile withTerraform(Profile p, List<Problem> problems) {
    List<NotEmulated> missing = new ArrayList<>();
    AwsSpec aws = TerraformImport.apply(p.aws(), problems, reads, missing);
    notEmulated = List.copyOf(missing);
    return aws == p.aws() ? p
        : new Profile(p.origin(), p.name(), p.description(), p.extendsFiles(), p.variables(), aws, p.kubernetes(), p.seed());
  }

  /** Defaults that depend on other values: the name from the file, namespaces from kubernetes.namespace. */
  private static Profile withDefaults(Profile p, Path file, List<Path> parents, Map<String, String> variables) {
    String name = p.name() != null ? p.name() : file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
    KubernetesSpec k = p.kubernetes();
    String ns = k.namespace();
    KubernetesSpec kubernetes = new KubernetesSpec(k.origin(), k.enabled(), k.image(), ns, k.manifests(),
        k.charts().stream()
            .map(c -> c.namespace() != null ? c : new ChartSpec(c.origin(), c.path(), c.release(), ns, c.values(), c.set()))
            .toList(),
        k.images(),
        k.portForwards().stream()
            .map(f -> f.namespace() != null ? f
                : new KubernetesSpec.PortForward(f.origin(), f.service(), ns, f.port(), f.localPort()))
            .toList(),
        k.waitTimeout(), k.verbatim(), k.awsEndpointForPods());
    SeedSpec s = p.seed();
    SeedSpec seed = new SeedSpec(s.buckets(), s.tables(), s.queues(),
        s.configMaps().stream()
            .map(c -> c.namespace() != null ? c : new SeedSpec.ConfigMapSeed(c.origin(), c.name(), ns, c.from()))
            .toList());
    return new Profile(Origin.of(file), name, p.description(), parents, variables, p.aws(), kubernetes, seed);
  }

  /** The loaded file's problems first, then those of the files it extends; each file by line and column. */
  private static List<Problem> sorted(List<Problem> problems, Path top) {
    List<Problem> copy = new ArrayList<>(problems);
    copy.sort(Comparator.comparing((Problem p) -> !top.equals(p.origin().file())).thenComparing(Comparator.naturalOrder()));
    return copy;
  }
}
