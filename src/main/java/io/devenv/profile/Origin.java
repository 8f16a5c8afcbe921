package io.devenv.profile;

import java.nio.file.Path;

/**
 * Where a value was written: the file, line and column (both from 1). Records that name a
 * resource carry one so that every later message can point at the profile line responsible.
 */
public record Origin(Path file, int line, int column) {

  /** For values that come from no file (built in code). */
  public static final Origin NONE = new Origin(null, 0, 0);

  public static Origin of(Path file) {
    return new Origin(file, 0, 0);
  }

  /** The file as the user would type it: relative to the working directory when under it. */
  public String displayFile() {
    return display(file);
  }

  public static String display(Path path) {
    if (path == null) {
      return "<profile>";
    }
    Path cwd = Path.of("").toAbsolutePath();
    Path abs = path.toAbsolutePath().normalize();
    return abs.startsWith(cwd) && !abs.equals(cwd) ? cwd.relativize(abs).toString() : abs.toString();
  }

  @Override
  public String toString() {
    if (file == null) {
      return "<profile>";
    }
    return line > 0 ? displayFile() + ":" + line + ":" + column : displayFile();
  }
}
