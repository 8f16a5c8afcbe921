package io.devenv.profile.terraform;

import com.bertramlabs.plugins.hcl4j.symbols.Symbol;
import io.devenv.core.Reads;
import io.devenv.profile.Origin;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What names mean where an expression is evaluated: the file it is in, the module's roots
 * ({@code var}, {@code local}, resources...) and, inside a counted or iterated block,
 * {@code count} and {@code each}.
 */
final class Scope {

  /** Resolves a reference whose first segment is not {@code count} or {@code each}. */
  interface Roots {
    /** @param path the reference's segments, names and index values, e.g. [aws_sqs_queue, jobs, arn] */
    Object resolve(List<Object> path, Origin at);
  }

  private final Path file;
  private final Roots roots;
  private final Map<String, Object> iteration;
  private final Reads reads;

  Scope(Path file, Roots roots) {
    this(file, roots, Reads.NONE);
  }

  /** @param reads told of every file an expression reads ({@code file("...")}) */
  Scope(Path file, Roots roots, Reads reads) {
    this(file, roots, Map.of(), reads);
  }

  private Scope(Path file, Roots roots, Map<String, Object> iteration, Reads reads) {
    this.file = file;
    this.roots = roots;
    this.iteration = iteration;
    this.reads = reads;
  }

  Path file() {
    return file;
  }

  Reads reads() {
    return reads;
  }

  /** The same scope in another file of the module. */
  Scope in(Path other) {
    return new Scope(other, roots, iteration, reads);
  }

  /** The same scope with {@code count.index}, or {@code each.key} and {@code each.value}, set. */
  Scope with(String root, Map<String, Object> value) {
    Map<String, Object> copy = new HashMap<>(iteration);
    copy.put(root, value);
    return new Scope(file, roots, copy, reads);
  }

  Origin origin(Symbol at) {
    return Expressions.origin(file, at);
  }

  Object resolve(List<Object> path, Symbol at) {
    Object root = path.get(0);
    if (iteration.containsKey(root)) {
      return Expressions.traverse(iteration.get(root), path.subList(1, path.size()), origin(at), String.valueOf(root));
    }
    if (root.equals("count") || root.equals("each")) {
      throw new TerraformException(origin(at), root + "." + (path.size() > 1 ? path.get(1) : "")
          + " is only known inside a block with " + (root.equals("count") ? "count" : "for_each"));
    }
    return roots.resolve(path, origin(at));
  }
}
