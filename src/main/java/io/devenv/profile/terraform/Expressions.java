package io.devenv.profile.terraform;

import com.bertramlabs.plugins.hcl4j.RuntimeSymbols.ComputedObject;
import com.bertramlabs.plugins.hcl4j.RuntimeSymbols.ComputedTuple;
import com.bertramlabs.plugins.hcl4j.RuntimeSymbols.Function;
import com.bertramlabs.plugins.hcl4j.RuntimeSymbols.GroupedExpression;
import com.bertramlabs.plugins.hcl4j.RuntimeSymbols.Operator;
import com.bertramlabs.plugins.hcl4j.RuntimeSymbols.PrimitiveType;
import com.bertramlabs.plugins.hcl4j.RuntimeSymbols.StringInterpolatedExpression;
import com.bertramlabs.plugins.hcl4j.RuntimeSymbols.Variable;
import com.bertramlabs.plugins.hcl4j.RuntimeSymbols.VariableTree;
import com.bertramlabs.plugins.hcl4j.symbols.HCLArray;
import com.bertramlabs.plugins.hcl4j.symbols.HCLAttribute;
import com.bertramlabs.plugins.hcl4j.symbols.HCLBlock;
import com.bertramlabs.plugins.hcl4j.symbols.HCLMap;
import com.bertramlabs.plugins.hcl4j.symbols.HCLValue;
import com.bertramlabs.plugins.hcl4j.symbols.Symbol;
import io.devenv.profile.Origin;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates HCL2 expressions from hcl4j's syntax tree. Values are {@link String},
 * {@link BigDecimal}, {@link Boolean}, {@link List}, {@link Map}, null, or {@link Unknown}.
 *
 * <p>Supported: literals, objects and tuples, string templates, references (with {@code [index]}),
 * function calls ({@link Functions}), parentheses, the conditional {@code ?:}, and the operators
 * {@code ! - * / % + < <= > >= == != && ||}. Not supported, each with its own message:
 * {@code for} expressions, splats ({@code [*]}), and template directives ({@code %{...}}).
 */
final class Expressions {

  private static final Pattern HEREDOC_REFERENCE = Pattern.compile("\\$\\{\\s*([A-Za-z_][\\w.\\-\\[\\]\"]*)\\s*}");

  private Expressions() {}

  static Origin origin(Path file, Symbol at) {
    Integer line = at == null ? null : at.getLine();
    Integer column = at == null ? null : at.getColumn();
    return new Origin(file, line == null ? 0 : line + 1, column == null ? 0 : Math.max(1, column + 1));
  }

  /** The value of an attribute (its children form one expression). */
  static Object eval(HCLAttribute attribute, Scope scope) {
    return sequence(attribute.getChildren(), attribute, scope);
  }

  static Object eval(Symbol symbol, Scope scope) {
    if (symbol instanceof HCLValue v) {
      return literal(v, scope);
    }
    if (symbol instanceof StringInterpolatedExpression template) {
      return template(template, scope);
    }
    if (symbol instanceof VariableTree tree) {
      return reference(tree, scope);
    }
    if (symbol instanceof HCLBlock || symbol instanceof HCLMap) {
      Map<String, Object> object = new LinkedHashMap<>();
      for (Symbol child : symbol.getChildren()) {
        if (!(child instanceof HCLAttribute a) || a.getName() == null) {
          throw new TerraformException(scope.origin(child), "object keys computed from expressions are not supported;"
              + " write each key");
        }
        object.put(a.getName(), eval(a, scope));
      }
      return object;
    }
    if (symbol instanceof HCLArray) {
      List<Object> list = new ArrayList<>();
      for (List<Symbol> element : expressions(symbol.getChildren())) {
        list.add(sequence(element, symbol, scope));
      }
      return list;
    }
    if (symbol instanceof GroupedExpression) {
      return sequence(symbol.getChildren(), symbol, scope);
    }
    if (symbol instanceof HCLAttribute a) {
      return eval(a, scope);
    }
    if (symbol instanceof ComputedTuple || symbol instanceof ComputedObject) {
      throw new TerraformException(scope.origin(symbol), "for expressions are not supported by devenv; write the list or"
          + " map out, or use count or for_each");
    }
    if (symbol instanceof PrimitiveType) {
      return symbol.getName(); // a type constraint (variable "x" { type = string })
    }
    if (symbol instanceof Function f) {
      return Functions.call(f, scope);
    }
    throw new TerraformException(scope.origin(symbol), "this expression is not supported by devenv ("
        + symbol.getSymbolName() + ")");
  }

  /** A flat run of operands and operators, as hcl4j leaves them. */
  static Object sequence(List<Symbol> written, Symbol at, Scope scope) {
    List<Symbol> items = minusAsOperator(written);
    if (items.isEmpty()) {
      throw new TerraformException(scope.origin(at), "an expression is missing here");
    }
    if (items.size() == 1) {
      return eval(items.get(0), scope);
    }
    int question = indexOf(items, "?");
    if (question >= 0) {
      int colon = matchingColon(items, question);
      if (colon < 0) {
        throw new TerraformException(scope.origin(items.get(question)), "'?' without its ':'");
      }
      Object condition = sequence(items.subList(0, question), at, scope);
      if (condition instanceof Unknown) {
        return condition;
      }
      boolean yes = bool(condition, scope.origin(items.get(0)));
      return yes ? sequence(items.subList(question + 1, colon), at, scope)
          : sequence(items.subList(colon + 1, items.size()), at, scope);
    }
    for (List<String> level : List.of(List.of("||"), List.of("&&"), List.of("==", "!="), List.of("<", "<=", ">", ">="),
        List.of("+", "-"), List.of("*", "/", "%"))) {
      for (int i = items.size() - 1; i > 0; i--) {
        if (items.get(i) instanceof Operator op && level.contains(op.getName()) && !(items.get(i - 1) instanceof Operator)) {
          Object left = sequence(items.subList(0, i), at, scope);
          Object right = sequence(items.subList(i + 1, items.size()), at, scope);
          return Operators.binary(op.getName(), left, right, scope.origin(op));
        }
      }
    }
    Symbol first = items.get(0);
    if (first instanceof Operator op && op.getName().equals("!")) {
      Object value = sequence(items.subList(1, items.size()), at, scope);
      return value instanceof Unknown ? value : !bool(value, scope.origin(op));
    }
    if (first instanceof HCLValue v && "-".equals(String.valueOf(v.value))) {
      Object value = sequence(items.subList(1, items.size()), at, scope);
      return value instanceof Unknown ? value : number(value, scope.origin(v)).negate();
    }
    throw new TerraformException(scope.origin(first), "this expression is not supported by devenv");
  }

  /** hcl4j lexes a binary minus as the number "-": make it the operator it is when it follows an operand. */
  private static List<Symbol> minusAsOperator(List<Symbol> items) {
    List<Symbol> out = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      Symbol s = items.get(i);
      if (i > 0 && s instanceof HCLValue v && "-".equals(String.valueOf(v.value)) && !(items.get(i - 1) instanceof Operator)) {
        out.add(new Operator("-", v.getLine(), v.getColumn(), v.getPosition()));
      } else {
        out.add(s);
      }
    }
    return out;
  }

  /**
   * Splits a flat run into expressions: hcl4j keeps no commas, so an operator joins the operand
   * after it to the expression before it ({@code f(a, b + 1)}: [a], [b, +, 1]).
   */
  static List<List<Symbol>> expressions(List<Symbol> written) {
    List<Symbol> items = minusAsOperator(written);
    List<List<Symbol>> out = new ArrayList<>();
    boolean joined = false;
    for (Symbol s : items) {
      if (s instanceof Operator) {
        if (out.isEmpty()) {
          out.add(new ArrayList<>());
        }
        out.get(out.size() - 1).add(s);
        joined = true;
      } else if (joined && !out.isEmpty()) {
        out.get(out.size() - 1).add(s);
        joined = false;
      } else {
        List<Symbol> one = new ArrayList<>();
        one.add(s);
        out.add(one);
      }
    }
    return out;
  }

  private static int indexOf(List<Symbol> items, String name) {
    for (int i = 0; i < items.size(); i++) {
      if (items.get(i) instanceof Operator op && name.equals(op.getName())) {
        return i;
      }
    }
    return -1;
  }

  private static int matchingColon(List<Symbol> items, int question) {
    int depth = 0;
    for (int i = question + 1; i < items.size(); i++) {
      if (items.get(i) instanceof Operator op) {
        if (op.getName().equals("?")) {
          depth++;
        } else if (op.getName().equals(":")) {
          if (depth == 0) {
            return i;
          }
          depth--;
        }
      }
    }
    return -1;
  }

  private static Object literal(HCLValue v, Scope scope) {
    if (v.value == null || "null".equals(v.type)) {
      return null;
    }
    return switch (v.type) {
      case "number" -> {
        try {
          yield new BigDecimal(String.valueOf(v.value));
        } catch (NumberFormatException e) {
          throw new TerraformException(scope.origin(v), "not a number: " + v.value);
        }
      }
      case "boolean" -> Boolean.valueOf(String.valueOf(v.value));
      default -> heredoc(String.valueOf(v.value), v, scope);
    };
  }

  /** hcl4j leaves a heredoc's ${...} as text: fill the references in it. */
  private static Object heredoc(String text, HCLValue at, Scope scope) {
    if (!text.contains("${") && !text.contains("%{")) {
      return text;
    }
    if (text.contains("%{")) {
      throw new TerraformException(scope.origin(at), "template directives (%{...}) are not supported by devenv");
    }
    Matcher m = HEREDOC_REFERENCE.matcher(text);
    StringBuilder out = new StringBuilder();
    int last = 0;
    while (m.find()) {
      out.append(text, last, m.start());
      Object value = scope.resolve(Reference.parse(m.group(1), scope.origin(at)), at);
      if (value instanceof Unknown) {
        return value;
      }
      out.append(string(value, scope.origin(at)));
      last = m.end();
    }
    out.append(text.substring(last));
    if (out.indexOf("${") >= 0) {
      throw new TerraformException(scope.origin(at), "only references (${var.x}, ${local.y}) are supported inside a heredoc");
    }
    return out.toString();
  }

  /**
   * A string template: hcl4j joins its literal parts and its ${...} parts with "+" operators;
   * each ${...} part is itself a run of symbols holding one expression.
   */
  private static Object template(StringInterpolatedExpression template, Scope scope) {
    List<Symbol> parts = template.getChildren().stream().filter(s -> !(s instanceof Operator)).toList();
    StringBuilder out = new StringBuilder();
    for (Symbol part : parts) {
      Object value = part instanceof StringInterpolatedExpression inner ? sequence(inner.getChildren(), inner, scope)
          : eval(part, scope);
      if (value instanceof Unknown) {
        return value;
      }
      out.append(string(value, scope.origin(part)));
    }
    return out.toString();
  }

  private static Object reference(VariableTree tree, Scope scope) {
    List<Symbol> children = tree.getChildren();
    if (!children.isEmpty() && children.get(0) instanceof Function f) {
      Object value = Functions.call(f, scope);
      return traverse(value, segments(children.subList(1, children.size()), scope), scope.origin(tree), f.getName() + "(...)");
    }
    return scope.resolve(segments(children, scope), tree);
  }

  private static List<Object> segments(List<Symbol> children, Scope scope) {
    List<Object> path = new ArrayList<>();
    for (Symbol s : children) {
      if (s instanceof Variable v) {
        path.add(v.getName());
      } else if (s instanceof HCLArray index) {
        if (index.getChildren().size() == 1 && index.getChildren().get(0) instanceof Operator) {
          throw new TerraformException(scope.origin(s), "splat expressions ([*]) are not supported by devenv; refer to"
              + " each instance by its index");
        }
        Object key = sequence(index.getChildren(), index, scope);
        path.add(new Reference.Index(key));
      } else {
        throw new TerraformException(scope.origin(s), "this reference is not supported by devenv");
      }
    }
    return path;
  }

  /** Follows attribute names and indexes into a value. */
  static Object traverse(Object value, List<Object> path, Origin at, String described) {
    Object current = value;
    StringBuilder where = new StringBuilder(described);
    for (Object segment : path) {
      if (current instanceof Unknown) {
        return current;
      }
      if (current instanceof Reference.Lazy lazy) {
        current = lazy.get(segment, at);
        where.append('.').append(segment);
        continue;
      }
      Object key = segment instanceof Reference.Index i ? i.key() : segment;
      if (current instanceof Map<?, ?> map) {
        String name = key instanceof BigDecimal n ? n.toPlainString() : String.valueOf(key);
        if (!map.containsKey(name)) {
          throw new TerraformException(at, where + " has no attribute or key '" + name + "'");
        }
        current = map.get(name);
      } else if (current instanceof List<?> list) {
        int i = number(key, at).intValueExact();
        if (i < 0 || i >= list.size()) {
          throw new TerraformException(at, where + "[" + i + "] is out of range (" + list.size() + " elements)");
        }
        current = list.get(i);
      } else {
        throw new TerraformException(at, where + " is " + describe(current) + ", it has no '" + key + "'");
      }
      where.append(segment instanceof Reference.Index ? "[" + key + "]" : "." + key);
    }
    return current instanceof Reference.Lazy lazy ? lazy.whole(at) : current;
  }

  static String describe(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof String) {
      return "a string";
    }
    if (value instanceof BigDecimal) {
      return "a number";
    }
    if (value instanceof Boolean) {
      return "a bool";
    }
    if (value instanceof List) {
      return "a list";
    }
    return value instanceof Map ? "an object" : value.toString();
  }

  static String string(Object value, Origin at) {
    if (value instanceof String s) {
      return s;
    }
    if (value instanceof BigDecimal n) {
      return n.stripTrailingZeros().toPlainString();
    }
    if (value instanceof Boolean b) {
      return b.toString();
    }
    throw new TerraformException(at, "expected a string, found " + describe(value));
  }

  static BigDecimal number(Object value, Origin at) {
    if (value instanceof BigDecimal n) {
      return n;
    }
    if (value instanceof String s) {
      try {
        return new BigDecimal(s.strip());
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    throw new TerraformException(at, "expected a number, found " + describe(value));
  }

  static boolean bool(Object value, Origin at) {
    if (value instanceof Boolean b) {
      return b;
    }
    if ("true".equals(value) || "false".equals(value)) {
      return Boolean.parseBoolean((String) value);
    }
    throw new TerraformException(at, "expected a bool, found " + describe(value));
  }
}
