package io.devenv.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.devenv.core.Progress;
import io.devenv.lifecycle.Project;
import io.devenv.profile.Profile;
import io.devenv.profile.ProfileLoader;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * What a command needs from the command line: the project, the profile, how to write. Built once
 * per run from the global options; commands take it instead of reading globals.
 */
public final class Context {

  /** Made on first use: most runs print no JSON, and the Java time module costs a start-up's worth of class loading. */
  private static final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper()
        .registerModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
        .enable(SerializationFeature.INDENT_OUTPUT);
  }

  private final GlobalOptions options;
  private final PrintWriter out;
  private final PrintWriter err;
  private Path projectDir;
  private io.devenv.core.CheckCache checkCache;

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
      out.println(Json.MAPPER.writeValueAsString(value));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON output", e);
    }
  }

  /** The project directory: --project-dir, else the nearest directory up from here with profiles/ or devenv.yaml. */
  public Path projectDir() {
    if (projectDir == null) {
      projectDir = Project.find(options.projectDir, Path.of(""));
    }
    return projectDir;
  }

  /** The profile file named by --profile, or the project's default one. */
  public Path profileFile() {
    return Project.profileFile(projectDir(), options.profile, Path.of("").toAbsolutePath());
  }

  /**
   * Results of offline checks of files that did not change, in {@code .devenv/cache/} (one per run);
   * {@code DEVENV_CACHE=off} checks every file afresh and writes nothing.
   */
  public io.devenv.core.CheckCache checkCache() {
    if (checkCache == null) {
      checkCache = "off".equalsIgnoreCase(System.getenv("DEVENV_CACHE")) ? io.devenv.core.CheckCache.none()
          : io.devenv.core.CheckCache.of(projectDir());
    }
    return checkCache;
  }

  /** Loads and validates the selected profile (from the check cache when none of its files changed). */
  public Profile profile() {
    return profile(profileFile());
  }

  /** Loads and validates {@code file} (from the check cache when none of its files changed). */
  public Profile profile(Path file) {
    return ProfileLoader.load(file, checkCache());
  }
}
