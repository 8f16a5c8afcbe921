package io.devenv.profile;

import io.devenv.core.DevenvException;
import io.devenv.core.ExitCode;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** A profile that cannot be used, with every problem found in it. */
public final class ProfileException extends DevenvException {
  private static final long serialVersionUID = 1L;

  private final transient List<Problem> problems;

  public ProfileException(List<Problem> problems) {
    this(null, problems);
  }

  /** @param file the profile that was loaded (its problems may be in files it extends), or null */
  public ProfileException(Path file, List<Problem> problems) {
    super(ExitCode.INVALID_INPUT, headline(file, problems), detail(problems), null);
    this.problems = List.copyOf(problems);
  }

  public List<Problem> problems() {
    return problems;
  }

  private static String headline(Path file, List<Problem> problems) {
    if (problems.size() == 1) {
      return problems.get(0).toString();
    }
    String where = file != null ? Origin.display(file) : problems.get(0).origin().displayFile();
    return problems.size() + " problems in " + where + ":";
  }

  private static String detail(List<Problem> problems) {
    if (problems.size() == 1) {
      return null;
    }
    return problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n"));
  }
}
