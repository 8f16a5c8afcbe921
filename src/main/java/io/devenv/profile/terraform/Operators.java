package io.devenv.profile.terraform;

import io.devenv.profile.Origin;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Objects;

/** HCL's binary operators on evaluated values. */
final class Operators {

  private Operators() {}

  static Object binary(String op, Object left, Object right, Origin at) {
    if (left instanceof Unknown) {
      return left;
    }
    if (right instanceof Unknown) {
      return right;
    }
    return switch (op) {
      case "||" -> Expressions.bool(left, at) || Expressions.bool(right, at);
      case "&&" -> Expressions.bool(left, at) && Expressions.bool(right, at);
      case "==" -> same(left, right);
      case "!=" -> !same(left, right);
      case "<" -> compare(left, right, at) < 0;
      case "<=" -> compare(left, right, at) <= 0;
      case ">" -> compare(left, right, at) > 0;
      case ">=" -> compare(left, right, at) >= 0;
      case "+" -> Expressions.number(left, at).add(Expressions.number(right, at));
      case "-" -> Expressions.number(left, at).subtract(Expressions.number(right, at));
      case "*" -> Expressions.number(left, at).multiply(Expressions.number(right, at));
      case "/" -> divide(left, right, at);
      case "%" -> Expressions.number(left, at).remainder(Expressions.number(right, at));
      default -> throw new TerraformException(at, "the operator " + op + " is not supported by devenv");
    };
  }

  private static Object divide(Object left, Object right, Origin at) {
    BigDecimal divisor = Expressions.number(right, at);
    if (divisor.signum() == 0) {
      throw new TerraformException(at, "division by zero");
    }
    return Expressions.number(left, at).divide(divisor, MathContext.DECIMAL64);
  }

  private static boolean same(Object left, Object right) {
    if (left instanceof BigDecimal a && right instanceof BigDecimal b) {
      return a.compareTo(b) == 0;
    }
    return Objects.equals(left, right);
  }

  private static int compare(Object left, Object right, Origin at) {
    return Expressions.number(left, at).compareTo(Expressions.number(right, at));
  }
}
