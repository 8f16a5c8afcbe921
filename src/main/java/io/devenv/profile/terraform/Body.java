package io.devenv.profile.terraform;

import com.bertramlabs.plugins.hcl4j.symbols.HCLAttribute;
import com.bertramlabs.plugins.hcl4j.symbols.HCLBlock;
import com.bertramlabs.plugins.hcl4j.symbols.Symbol;
import io.devenv.profile.Origin;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A block's body with the scope its expressions are evaluated in: arguments are evaluated when read. */
final class Body {

  private final Symbol block;
  private final Scope scope;

  Body(Symbol block, Scope scope) {
    this.block = block;
    this.scope = scope;
  }

  Scope scope() {
    return scope;
  }

  Origin origin() {
    return scope.origin(block);
  }

  Optional<HCLAttribute> attribute(String name) {
    for (Symbol child : block.getChildren()) {
      if (child instanceof HCLAttribute a && name.equals(a.getName())) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }

  boolean has(String name) {
    return attribute(name).isPresent();
  }

  /** The argument's value; null when it is not written. */
  Object value(String name) {
    return attribute(name).map(a -> Expressions.eval(a, scope)).orElse(null);
  }

  Origin origin(String name) {
    return attribute(name).map(scope::origin).orElse(origin());
  }

  /** The nested blocks of this type ({@code attribute { ... }}), in order. */
  List<Body> blocks(String type) {
    List<Body> out = new ArrayList<>();
    for (Symbol child : block.getChildren()) {
      if (child instanceof HCLBlock b && b.blockNames.size() == 2 && b.blockNames.get(0).equals("dynamic")
          && b.blockNames.get(1).equals(type)) {
        throw new TerraformException(scope.origin(b), "dynamic \"" + type + "\" blocks are not supported by devenv;"
            + " write each " + type + " block out");
      }
      if (child instanceof HCLBlock b && b.blockNames.size() == 1 && b.blockNames.get(0).equals(type)) {
        out.add(new Body(b, scope));
      }
    }
    return out;
  }

  /** Names of the arguments and nested blocks written, for reporting what devenv ignores. */
  List<String> written() {
    List<String> out = new ArrayList<>();
    for (Symbol child : block.getChildren()) {
      if (child instanceof HCLAttribute a && a.getName() != null) {
        out.add(a.getName());
      } else if (child instanceof HCLBlock b) {
        out.add(String.join(" ", b.blockNames));
      }
    }
    return out;
  }
}
