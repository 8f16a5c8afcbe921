package io.devenv.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.devenv.core.DevenvException;
import io.devenv.core.Progress;
import io.devenv.profile.Origin;
import io.devenv.profile.Profile;
import io.devenv.profile.ProfileLoader;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a command needs from the command line: the project, the profile, how to write. Built once
 * per run from the global options; commands take it instead of reading globals.
 */
public final class Context {

  static final ObjectMapper JSON = new ObjectMapper()
      .registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
      .enable(SerializationFeature.INDENT_OUTPUT);

  private final GlobalOptions options;
  private final PrintWriter out;
  private final PrintWriter err;
  private Path projectDir;

  Context(GlobalOptions options, PrintWriter out, PrintWriter err) {
    this.options = options;
    this.out = out;
    this.err = err;
  }

  public PrintWriter out() {
    return out;
  }

  public PrintWriter err() {
    return err;
  }

  public boolean verbose() {
    return options.verbose;
  }

  public boolean json() {
    return options.output == GlobalOptions.Output.json;
  }

  /** Step-by-step progress on stderr, so that stdout stays the command's result. */
  public Progress progress() {
    return Progress.to(err);
  }

  /** Writes {@code value} as the command's JSON document on stdout. */
  public void printJson(Object value) {
    try {
      out.println(JSON.writeValueAsString(value));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON output", e);
    }
  }

  /** The project directory: --project-dir, else the nearest directory up from here with profiles/ or devenv.yaml. */
  public Path projectDir() {
    if (projectDir == null) {
      projectDir = findProjectDir();
    }
    return projectDir;
  }

  private Path findProjectDir() {
    if (options.projectDir != null) {
      Path dir = options.projectDir.toAbsolutePath().normalize();
      if (!Files.isDirectory(dir)) {
        throw DevenvException.invalid("--project-dir " + options.projectDir + " is not a directory");
      }
      return dir;
    }
    Path cwd = Path.of("").toAbsolutePath();
    for (Path dir = cwd; dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("devenv.yaml")) || Files.isDirectory(dir.resolve("profiles"))) {
        return dir;
      }
    }
    return cwd;
  }

  /** The profile file named by --profile, or the project's default one. */
  public Path profileFile() {
    String name = options.profile;
    Path project = projectDir();
    if (name == null) {
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
    Path asPath = Path.of(name);
    if (Files.exists(asPath) || name.endsWith(".yaml") || name.endsWith(".yml") || name.contains("/")) {
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

  /** Loads and validates the selected profile. */
  public Profile profile() {
    return ProfileLoader.load(profileFile());
  }
}
