package io.devenv.cli;

import io.devenv.core.ExitCode;
import io.devenv.profile.Origin;
import io.devenv.profile.Profile;
import io.devenv.profile.ProfileException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import picocli.CommandLine.Command;

/** {@code devenv profiles}: lists the project's profiles. */
@Command(name = "profiles", description = "List the project's profiles with what each contains.")
final class ProfilesCommand extends BaseCommand {

  @Override
  protected int execute(Context context) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Path file : profileFiles(context.projectDir())) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("name", file.getFileName().toString().replaceFirst("\\.ya?ml$", ""));
      row.put("file", Origin.display(file));
      try {
        Profile profile = context.profile(file);
        row.put("profile", profile.name());
        row.put("description", profile.description() == null ? "" : profile.description());
        row.put("contents", contents(profile));
        row.put("valid", true);
      } catch (ProfileException e) {
        row.put("valid", false);
        row.put("description", e.problems().size() + " problem(s); run devenv validate -p " + row.get("name"));
      }
      rows.add(row);
    }
    if (context.json()) {
      context.printJson(Map.of("profiles", rows));
      return ExitCode.OK;
    }
    if (rows.isEmpty()) {
      context.out().println("No profiles in " + Origin.display(context.projectDir().resolve("profiles")));
      return ExitCode.OK;
    }
    int width = rows.stream().mapToInt(r -> r.get("name").toString().length()).max().orElse(4);
    for (Map<String, Object> r : rows) {
      String text = Boolean.TRUE.equals(r.get("valid"))
          ? r.get("description") + (r.get("description").toString().isEmpty() ? "" : " — ") + r.get("contents")
          : "✗ " + r.get("description");
      context.out().printf("%-" + width + "s  %s%n", r.get("name"), text);
    }
    return ExitCode.OK;
  }

  /** The profile files of a project, sorted. */
  static List<Path> profileFiles(Path projectDir) {
    Path dir = projectDir.resolve("profiles");
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** "5 AWS resources, 3 manifest paths, 4 seeds" */
  static String contents(Profile p) {
    int seeds = p.seed().buckets().size() + p.seed().tables().size() + p.seed().queues().size()
        + p.seed().configMaps().size();
    List<String> parts = new ArrayList<>();
    parts.add(p.aws().resourceCount() + " AWS resources (" + p.aws().emulator() + ")");
    parts.add(p.kubernetes().enabled() ? p.kubernetes().manifests().size() + " manifest paths" : "no Kubernetes");
    if (p.kubernetes().enabled() && !p.kubernetes().charts().isEmpty()) {
      parts.add(p.kubernetes().charts().size() + " Helm chart" + (p.kubernetes().charts().size() == 1 ? "" : "s"));
    }
    parts.add(seeds + " seeds");
    return String.join(", ", parts);
  }
}
