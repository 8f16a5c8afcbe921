package io.devenv.lifecycle;

import io.devenv.core.DevenvException;
import io.devenv.profile.Origin;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a project is and which profile file a name means. The CLI and the JUnit extension find
 * profiles the same way.
 */
public final class Project {

  private Project() {}

  /** The given directory, else the nearest directory up from {@code start} that has profiles/ or devenv.yaml. */
  public static Path find(Path given, Path start) {
    if (given != null) {
      Path dir = given.toAbsolutePath().normalize();
      if (!Files.isDirectory(dir)) {
        throw DevenvException.invalid("project directory " + given + " is not a directory");
      }
      return dir;
    }
    Path from = start.toAbsolutePath().normalize();
    for (Path dir = from; dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("devenv.yaml")) || Files.isDirectory(dir.resolve("profiles"))) {
        return dir;
      }
    }
    return from;
  }

  /**
   * The profile file for {@code name}: null means the project's default ({@code devenv.yaml}, else
   * {@code profiles/default.yaml}); a name with a slash or a .yaml/.yml ending is a path (relative
   * to {@code cwd}); any other name is {@code profiles/<name>.yaml}.
   */
  public static Path profileFile(Path project, String name, Path cwd) {
    if (name == null || name.isBlank()) {
      Path own = project.resolve("devenv.yaml");
      Path fallback = project.resolve("profiles/default.yaml");
      if (Files.isRegularFile(own)) {
        return own;
      }
      if (Files.isRegularFile(fallback)) {
        return fallback;
      }
      throw DevenvException.invalid("no profile in " + Origin.display(project)
          + ": create devenv.yaml or profiles/default.yaml, or pass --profile FILE");
    }
    Path asPath = cwd.resolve(name);
    if (Files.exists(asPath) || name.endsWith(".yaml") || name.endsWith(".yml") || name.contains("/")) {
      if (Files.exists(asPath) && !Files.isRegularFile(asPath)) {
        throw DevenvException.invalid("profile " + name + " is not a regular file (a directory or a device);"
            + " pass a profile's YAML file, or run 'devenv profiles' to list them");
      }
      if (!Files.isRegularFile(asPath)) {
        throw DevenvException.invalid("profile " + name + " does not exist; run 'devenv profiles' to list them");
      }
      return asPath.toAbsolutePath().normalize();
    }
    Path inProfiles = project.resolve("profiles").resolve(name + ".yaml");
    if (!Files.isRegularFile(inProfiles)) {
      throw DevenvException.invalid("no profile named '" + name + "' in " + Origin.display(project.resolve("profiles"))
          + "; run 'devenv profiles' to list them");
    }
    return inProfiles;
  }
}
