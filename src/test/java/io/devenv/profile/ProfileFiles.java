package io.devenv.profile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Writes small profiles and the files they name into a test's directory, and loads them. */
final class ProfileFiles {

  private final Path dir;
  private final Map<String, String> environment;

  ProfileFiles(Path dir) {
    this(dir, Map.of());
  }

  ProfileFiles(Path dir, Map<String, String> environment) {
    this.dir = dir;
    this.environment = environment;
  }

  /** Writes {@code content} to {@code relative} (parent directories made), and returns its path. */
  Path write(String relative, String content) {
    try {
      Path file = dir.resolve(relative);
      Files.createDirectories(file.getParent());
      return Files.writeString(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Path directory(String relative) {
    try {
      return Files.createDirectories(dir.resolve(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Path path(String relative) {
    return dir.resolve(relative).toAbsolutePath().normalize();
  }

  /** Loads {@code relative} with this environment (never the process's). */
  Profile load(String relative) {
    return new ProfileLoader(environment).loadFile(dir.resolve(relative));
  }

  /** Writes a profile and loads it. */
  Profile load(String relative, String content) {
    write(relative, content);
    return load(relative);
  }
}
