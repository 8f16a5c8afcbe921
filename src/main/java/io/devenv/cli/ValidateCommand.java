package io.devenv.cli;

import io.devenv.core.DevenvException;
import io.devenv.core.ExitCode;
import io.devenv.plan.OfflineChecks;
import io.devenv.profile.Origin;
import io.devenv.profile.Problem;
import io.devenv.profile.Profile;
import io.devenv.profile.ProfileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code devenv validate}: checks profiles without starting anything. */
@Command(name = "validate", description = "Check a profile (or all of them) without starting anything.")
final class ValidateCommand extends BaseCommand {

  @Option(names = "--all", description = "Check every profile in profiles/.")
  boolean all;

  @Override
  protected int execute(Context context) {
    List<Path> files = all ? ProfilesCommand.profileFiles(context.projectDir()) : List.of(context.profileFile());
    List<Map<String, Object>> results = new ArrayList<>();
    List<ProfileException> failures = new ArrayList<>();
    for (Path file : files) {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("file", Origin.display(file));
      try {
        Profile profile = context.profile(file);
        // Seed files and manifests too: everything that can be checked without starting anything.
        List<String> offline = OfflineChecks.problems(profile, context.checkCache());
        if (!offline.isEmpty()) {
          throw new ProfileException(file, offline.stream().map(ValidateCommand::problem).toList());
        }
        // And the manifests' types and references, as up would meet them.
        io.devenv.lifecycle.ProfileChecks.manifests(profile, context.checkCache());
        result.put("profile", profile.name());
        result.put("valid", true);
        if (!context.json()) {
          context.out().println("✓ " + Origin.display(file) + " (" + profile.name() + "): valid — "
              + ProfilesCommand.contents(profile));
        }
      } catch (ProfileException e) {
        result.put("valid", false);
        result.put("problems", e.problems().stream().map(ValidateCommand::json).toList());
        failures.add(e);
      }
      results.add(result);
    }
    if (context.json()) {
      context.printJson(Map.of("profiles", results));
      return failures.isEmpty() ? ExitCode.OK : ExitCode.INVALID_INPUT;
    }
    if (failures.size() == 1 && files.size() == 1) {
      throw failures.get(0);
    }
    if (!failures.isEmpty()) {
      failures.forEach(f -> f.problems().forEach(p -> context.err().println("  " + p)));
      throw new DevenvException(ExitCode.INVALID_INPUT, failures.size() + " of " + files.size()
          + " profiles have problems (listed above); fix them and run 'devenv validate --all' again");
    }
    return ExitCode.OK;
  }

  /** "file:line:column: message" as a located problem (line and column 0 when absent). */
  static Problem problem(String located) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(.+?):(\\d+)(?::(\\d+))?: (.*)$").matcher(located);
    if (m.matches()) {
      return new Problem(new Origin(Path.of(m.group(1)).toAbsolutePath(), Integer.parseInt(m.group(2)),
          m.group(3) == null ? 1 : Integer.parseInt(m.group(3))), m.group(4));
    }
    int colon = located.indexOf(": ");
    return colon > 0 ? new Problem(Origin.of(Path.of(located.substring(0, colon)).toAbsolutePath()), located.substring(colon + 2))
        : new Problem(Origin.NONE, located);
  }

  /** A problem as editors and scripts want it: file, line and column apart from the message. */
  private static Map<String, Object> json(Problem p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("file", p.origin().displayFile());
    m.put("line", p.origin().line());
    m.put("column", p.origin().column());
    m.put("message", p.message());
    return m;
  }
}
