package io.devenv.profile;

import io.devenv.core.DevenvException;
import io.devenv.core.ExitCode;
import java.util.List;
import java.util.stream.Collectors;

/** A profile that cannot be used, with every problem found in it. */
public final class ProfileException extends DevenvException {
  private static final long serialVersionUID = 1L;

  private final transient List<Problem> problems;

  public ProfileException(List<Problem> problems) {
    super(ExitCode.INVALID_INPUT, headline(problems), detail(problems), null);
    this.problems = List.copyOf(problems);
  }

  public List<Problem> problems() {
    return problems;
  }

  private static String headline(List<Problem> problems) {
    if (problems.size() == 1) {
      return problems.get(0).toString();
    }
    return problems.size() + " problems in " + problems.get(0).origin().displayFile() + ":";
  }

  private static String detail(List<Problem> problems) {
    if (problems.size() == 1) {
      return null;
    }
    return problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n"));
  }
}
