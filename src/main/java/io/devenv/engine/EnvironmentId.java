package io.devenv.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which environment: a project directory and a profile. Its labels and names are what every
 * Docker object of that environment carries.
 *
 * @param projectDir the project directory, absolute and normalised
 * @param profile the profile name, or null in a query meaning "every profile of the project"
 */
public record EnvironmentId(Path projectDir, String profile) {

  public EnvironmentId {
    projectDir = canonical(projectDir);
  }

  /** The labels identifying this environment's objects. */
  public Map<String, String> labels() {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(Labels.PROJECT, projectHash());
    if (profile != null) {
      labels.put(Labels.PROFILE, profile);
    }
    return labels;
  }

  /** The labels as Docker's {@code label} filter wants them: {@code key=value}. */
  public List<String> labelFilter() {
    List<String> filter = new ArrayList<>();
    labels().forEach((k, v) -> filter.add(k + "=" + v));
    return filter;
  }

  /** 12 hex characters of SHA-256 of the project directory. */
  public String projectHash() {
    return Hashes.of(projectDir.toString());
  }

  /** "devenv-vod-platform-3f2a9c": readable in {@code docker ps}, unique per project and profile. */
  public String baseName() {
    String safe = profile == null ? "all" : profile.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_.-]", "-");
    return "devenv-" + safe + "-" + projectHash().substring(0, 6);
  }

  public String containerName(String role) {
    return baseName() + "-" + role;
  }

  public String volumeName(String role) {
    return baseName() + "-" + role + "-state";
  }

  private static Path canonical(Path dir) {
    Path abs = dir.toAbsolutePath().normalize();
    try {
      return Files.exists(abs) ? abs.toRealPath() : abs;
    } catch (IOException e) {
      return abs;
    }
  }
}
