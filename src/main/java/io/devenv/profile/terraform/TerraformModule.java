package io.devenv.profile.terraform;

import com.bertramlabs.plugins.hcl4j.symbols.HCLAttribute;
import com.bertramlabs.plugins.hcl4j.symbols.HCLBlock;
import com.bertramlabs.plugins.hcl4j.symbols.Symbol;
import io.devenv.core.Reads;
import io.devenv.profile.Origin;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * One Terraform module directory, read and evaluated as {@code terraform plan} would with
 * devenv's emulator as the provider: variables, locals, resources (with {@code count} and
 * {@code for_each}), outputs and local modules. Resources of types devenv emulates become
 * {@link Instance}s; everything else is recorded as {@link NotEmulated}.
 */
final class TerraformModule {

  /** One resource instance: {@code aws_sqs_queue.jobs}, {@code aws_s3_bucket.b[0]}, {@code module.q.aws_sqs_queue.this}. */
  record Instance(String address, String type, Body body, Origin origin) {}

  private record Declared(String type, String name, HCLBlock block, Scope scope) {}

  private final Path dir;
  private final String prefix;
  private final String region;
  private final Map<String, Object> variables = new LinkedHashMap<>();
  private final Map<String, HCLAttribute> locals = new LinkedHashMap<>();
  private final Map<String, Path> localFiles = new LinkedHashMap<>();
  private final Map<String, Object> localValues = new LinkedHashMap<>();
  private final Map<String, Declared> resources = new LinkedHashMap<>();
  private final Map<String, TerraformModule> modules = new LinkedHashMap<>();
  private final Map<String, Body> outputs = new LinkedHashMap<>();
  private final Map<String, Object> expanded = new LinkedHashMap<>();
  private final Set<String> evaluating = new HashSet<>();
  private final List<Instance> instances = new ArrayList<>();
  private final List<NotEmulated> notEmulated = new ArrayList<>();
  private final Scope rootScope;
  private final Reads reads;

  /**
   * @param given variable values (from tfvars files and the profile, or a module block's arguments), applied
   *     over the defaults
   * @param givenAt where each given value comes from, for messages
   */
  TerraformModule(Path dir, String prefix, String region, Map<String, Object> given, Origin givenAt, Reads reads) {
    this.dir = dir;
    this.prefix = prefix;
    this.region = region;
    this.reads = reads;
    this.rootScope = new Scope(dir.resolve("main.tf"), this::resolve, reads);
    reads.listed(dir);
    List<Path> files = files(dir, givenAt);
    Map<String, Origin> declaredAt = new LinkedHashMap<>();
    List<Declared> moduleBlocks = new ArrayList<>();
    for (Path file : files) {
      Scope scope = rootScope.in(file);
      reads.read(file);
      for (Symbol symbol : HclReader.read(file)) {
        if (!(symbol instanceof HCLBlock block)) {
          throw new TerraformException(scope.origin(symbol), "only blocks (resource, variable, locals...) belong at the"
              + " top of a .tf file; an argument here usually means a block above is not closed");
        }
        List<String> names = block.blockNames;
        Origin at = new Origin(file, block.getLine() + 1, 1);
        switch (names.get(0)) {
          case "variable" -> {
            declaredAt.put(names.get(1), at);
            Body body = new Body(block, scope);
            variables.put(names.get(1), body.has("default") ? body.value("default") : Missing.VALUE);
          }
          case "locals" -> block.getChildren().stream().filter(c -> c instanceof HCLAttribute).forEach(c -> {
            locals.put(c.getName(), (HCLAttribute) c);
            localFiles.put(c.getName(), file);
          });
          case "resource" -> {
            String key = names.get(1) + "." + names.get(2);
            resources.put(key, new Declared(names.get(1), names.get(2), block, scope));
          }
          case "data" -> notEmulated.add(new NotEmulated(prefix + "data." + names.get(1) + "." + names.get(2), at));
          case "module" -> moduleBlocks.add(new Declared("module", names.get(1), block, scope));
          case "output" -> outputs.put(names.get(1), new Body(block, scope));
          default -> {
            // terraform, provider, moved, import, check, removed: settings, not resources
          }
        }
      }
    }
    given.forEach((name, value) -> {
      if (!variables.containsKey(name)) {
        throw new TerraformException(givenAt, "a value is given for \"" + name + "\" but " + Origin.display(dir)
            + " declares no variable \"" + name + "\"");
      }
      variables.put(name, value);
    });
    variables.forEach((name, value) -> {
      if (value == Missing.VALUE) {
        throw new TerraformException(declaredAt.get(name), "variable \"" + name + "\" has no value: give it a default,"
            + " or a value in the profile's vars or a .tfvars file");
      }
    });
    for (Declared m : moduleBlocks) {
      module(m);
    }
    for (Declared d : resources.values()) {
      expand(d);
    }
  }

  List<Instance> instances() {
    List<Instance> all = new ArrayList<>(instances);
    modules.values().forEach(m -> all.addAll(m.instances()));
    return all;
  }

  List<NotEmulated> notEmulated() {
    List<NotEmulated> all = new ArrayList<>(notEmulated);
    modules.values().forEach(m -> all.addAll(m.notEmulated()));
    return all;
  }

  private enum Missing { VALUE }

  private static List<Path> files(Path dir, Origin givenAt) {
    if (!Files.isDirectory(dir)) {
      throw new TerraformException(givenAt, Origin.display(dir) + " is not a directory");
    }
    try (Stream<Path> listing = Files.list(dir)) {
      List<Path> files = listing.filter(f -> f.getFileName().toString().endsWith(".tf") && Files.isRegularFile(f))
          .sorted().toList();
      if (files.isEmpty()) {
        throw new TerraformException(givenAt, "no .tf file in " + Origin.display(dir));
      }
      return files;
    } catch (IOException e) {
      throw new TerraformException(givenAt, "cannot list " + Origin.display(dir) + ": " + e.getMessage());
    }
  }

  private void module(Declared m) {
    Body body = new Body(m.block, m.scope);
    Origin at = new Origin(m.scope.file(), m.block.getLine() + 1, 1);
    Object source = body.value("source");
    String address = prefix + "module." + m.name;
    if (!(source instanceof String s) || !(s.startsWith("./") || s.startsWith("../"))) {
      notEmulated.add(new NotEmulated(address + " (source " + source + ")", at));
      return;
    }
    if (body.has("count") || body.has("for_each")) {
      throw new TerraformException(body.origin(body.has("count") ? "count" : "for_each"),
          "count and for_each on a module are not supported by devenv; declare one module block per instance");
    }
    Map<String, Object> args = new LinkedHashMap<>();
    for (Symbol child : m.block.getChildren()) {
      if (child instanceof HCLAttribute a && !List.of("source", "version", "providers", "depends_on").contains(a.getName())) {
        args.put(a.getName(), Expressions.eval(a, m.scope));
      }
    }
    Path child = m.scope.file().getParent().resolve(s).normalize();
    modules.put(m.name, new TerraformModule(child, address + ".", region, args, at, reads));
  }

  /** Expands count and for_each into instances, and gives the value a reference to the resource resolves to. */
  private Object expand(Declared d) {
    String key = d.type + "." + d.name;
    if (expanded.containsKey(key)) {
      return expanded.get(key);
    }
    Body body = new Body(d.block, d.scope);
    Origin at = new Origin(d.scope.file(), d.block.getLine() + 1, 1);
    String address = prefix + key;
    Object value;
    if (body.has("count")) {
      Object count = body.value("count");
      if (count instanceof Unknown u) {
        throw new TerraformException(body.origin("count"), "count must be known before anything is created; it depends on " + u.what());
      }
      int n = Expressions.number(count, body.origin("count")).intValueExact();
      List<Object> list = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        Scope scope = d.scope.with("count", Map.of("index", BigDecimal.valueOf(i)));
        list.add(instance(d, address + "[" + i + "]", scope, at));
      }
      value = list;
    } else if (body.has("for_each")) {
      Object each = body.value("for_each");
      if (each instanceof Unknown u) {
        throw new TerraformException(body.origin("for_each"), "for_each must be known before anything is created; it depends on " + u.what());
      }
      Map<String, Object> byKey = new LinkedHashMap<>();
      if (each instanceof Map<?, ?> map) {
        map.forEach((k, v) -> byKey.put(String.valueOf(k), v));
      } else if (each instanceof List<?> list) {
        list.forEach(v -> byKey.put(Expressions.string(v, body.origin("for_each")), v));
      } else {
        throw new TerraformException(body.origin("for_each"), "for_each must be a map or a set of strings, not "
            + Expressions.describe(each));
      }
      Map<String, Object> map = new LinkedHashMap<>();
      byKey.forEach((k, v) -> {
        Map<String, Object> eachValue = new LinkedHashMap<>();
        eachValue.put("key", k);
        eachValue.put("value", v);
        map.put(k, instance(d, address + "[\"" + k + "\"]", d.scope.with("each", eachValue), at));
      });
      value = map;
    } else {
      value = instance(d, address, d.scope, at);
    }
    expanded.put(key, value);
    return value;
  }

  private Reference.Lazy instance(Declared d, String address, Scope scope, Origin at) {
    Body body = new Body(d.block, scope);
    if (Identities.SUPPORTED.contains(d.type)) {
      instances.add(new Instance(address, d.type, body, at));
    } else {
      notEmulated.add(new NotEmulated(address, at));
    }
    return new Reference.Lazy() {
      @Override
      public Object get(Object segment, Origin where) {
        String attribute = String.valueOf(segment);
        if (!Identities.SUPPORTED.contains(d.type)) {
          return new Unknown(address + "." + attribute + " (" + d.type + " is not emulated)");
        }
        String guard = address + "." + attribute;
        if (!evaluating.add(guard)) {
          throw new TerraformException(where, "cycle: " + guard + " depends on itself");
        }
        try {
          String nameArgument = Identities.NAME_ARGUMENT.get(d.type);
          if (nameArgument != null && !body.has(attribute) || attribute.equals("arn") || attribute.equals("id")) {
            if (nameArgument != null) {
              Object name = body.value(nameArgument);
              if (name == null) {
                throw new TerraformException(body.origin(), address + " has no " + nameArgument + ": devenv needs a fixed"
                    + " name (name_prefix and generated names are not supported)");
              }
              String computed = name instanceof Unknown ? null
                  : Identities.computed(d.type, attribute, Expressions.string(name, body.origin(nameArgument)), region);
              if (name instanceof Unknown) {
                return name;
              }
              if (computed != null) {
                return computed;
              }
            } else if (attribute.equals("id") && body.has("bucket")) {
              return body.value("bucket");
            }
          }
          if (body.has(attribute)) {
            return body.value(attribute);
          }
          return new Unknown(address + "." + attribute);
        } finally {
          evaluating.remove(guard);
        }
      }

      @Override
      public Object whole(Origin where) {
        return new Unknown(address);
      }
    };
  }

  /** Roots of references in this module: var, local, path, module, data, terraform, and resource types. */
  private Object resolve(List<Object> path, Origin at) {
    String root = String.valueOf(path.get(0));
    if (path.size() < 2 || path.get(1) instanceof Reference.Index) {
      throw new TerraformException(at, "'" + root + "' alone is not a value; write e.g. var.name or aws_sqs_queue.jobs.arn");
    }
    String name = String.valueOf(path.get(1));
    List<Object> rest = path.subList(2, path.size());
    switch (root) {
      case "var" -> {
        if (!variables.containsKey(name)) {
          throw new TerraformException(at, "var." + name + ": no variable \"" + name + "\" is declared in " + Origin.display(dir));
        }
        return Expressions.traverse(variables.get(name), rest, at, "var." + name);
      }
      case "local" -> {
        return Expressions.traverse(local(name, at), rest, at, "local." + name);
      }
      case "path" -> {
        return Expressions.traverse(dir.toAbsolutePath().toString(), rest, at, "path." + name);
      }
      case "terraform" -> {
        return "default";
      }
      case "data" -> {
        return new Unknown("data." + path.stream().skip(1).limit(2).map(String::valueOf).reduce((a, b) -> a + "." + b).orElse(name)
            + " (data sources are not emulated)");
      }
      case "module" -> {
        TerraformModule child = modules.get(name);
        if (child == null) {
          return new Unknown(prefix + "module." + name + " (not emulated)");
        }
        if (rest.isEmpty()) {
          throw new TerraformException(at, "module." + name + " alone is not a value; name one of its outputs");
        }
        return Expressions.traverse(child.output(String.valueOf(rest.get(0)), at), rest.subList(1, rest.size()), at,
            "module." + name + "." + rest.get(0));
      }
      default -> {
        Declared d = resources.get(root + "." + name);
        if (d == null) {
          throw new TerraformException(at, root + "." + name + ": no such resource, variable or local in " + Origin.display(dir));
        }
        return Expressions.traverse(expand(d), rest, at, root + "." + name);
      }
    }
  }

  private Object local(String name, Origin at) {
    if (localValues.containsKey(name)) {
      return localValues.get(name);
    }
    HCLAttribute expression = locals.get(name);
    if (expression == null) {
      throw new TerraformException(at, "local." + name + ": no such local value in " + Origin.display(dir));
    }
    if (!evaluating.add("local." + name)) {
      throw new TerraformException(at, "cycle: local." + name + " depends on itself");
    }
    try {
      Object value = Expressions.eval(expression, rootScope.in(localFiles.get(name)));
      localValues.put(name, value);
      return value;
    } finally {
      evaluating.remove("local." + name);
    }
  }

  private Object output(String name, Origin at) {
    Body body = outputs.get(name);
    if (body == null) {
      throw new TerraformException(at, "the module in " + Origin.display(dir) + " has no output \"" + name + "\"");
    }
    return body.value("value");
  }
}
