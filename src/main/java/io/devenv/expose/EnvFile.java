package io.devenv.expose;

import io.devenv.expose.PortForwards.Forward;
import io.devenv.core.DevenvException;
import io.devenv.environment.AwsAccess;
import io.devenv.environment.DevenvDir;
import io.devenv.environment.Environment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The variables a shell, an IDE or a test run needs to use the environment: written by
 * {@code devenv up} to {@code .devenv/env} (dotenv format), printed by {@code devenv env} as
 * {@code export} lines for {@code eval "$(devenv env)"}.
 */
public final class EnvFile {
  public static final String NAME = "env";
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:@%+,=-]*");
  private static final Pattern LINE = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(.*)");

  private EnvFile() {}

  /** {@code <projectDir>/.devenv/env}. */
  public static Path path(Path projectDir) {
    return projectDir.toAbsolutePath().resolve(DevenvDir.NAME).resolve(NAME);
  }

  /**
   * The variables, in a stable order: AWS endpoint, region, credentials, then KUBECONFIG, then one
   * {@code DEVENV_PORT_<SERVICE>} per port-forward.
   *
   * @param kubeconfig the kubeconfig file, or null without a cluster
   */
  public static Map<String, String> variables(Environment env, Path kubeconfig, List<Forward> forwards) {
    Map<String, String> vars = new LinkedHashMap<>();
    AwsAccess aws = env.aws();
    if (aws != null) {
      vars.put("AWS_ENDPOINT_URL", aws.endpoint().toString());
      vars.put("AWS_REGION", aws.region());
      vars.put("AWS_DEFAULT_REGION", aws.region());
      vars.put("AWS_ACCESS_KEY_ID", aws.accessKeyId());
      vars.put("AWS_SECRET_ACCESS_KEY", aws.secretAccessKey());
    }
    if (kubeconfig != null) {
      vars.put("KUBECONFIG", kubeconfig.toAbsolutePath().toString());
    }
    for (Forward f : forwards) {
      vars.put(variable(f), Integer.toString(f.localPort()));
    }
    return vars;
  }

  /** {@code DEVENV_PORT_CATALOG_API}: the variable holding a forward's local port. */
  public static String variable(Forward f) {
    return "DEVENV_PORT_" + f.service().toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
  }

  /** Writes {@code .devenv/env} atomically, one {@code KEY=value} a line. */
  public static Path write(Path projectDir, Map<String, String> vars) {
    DevenvDir.ensure(projectDir);
    Path file = path(projectDir);
    StringBuilder text = new StringBuilder("# Written by devenv up; load with: eval \"$(devenv env)\"\n");
    vars.forEach((k, v) -> text.append(k).append('=').append(quote(v)).append('\n'));
    try {
      AtomicFiles.write(file, text.toString(), PosixFilePermissions.fromString("rw-r--r--"));
      return file;
    } catch (IOException e) {
      throw DevenvException.failure("Could not write " + file + ": " + e.getMessage(), e);
    }
  }

  /** Reads back what {@link #write} wrote. */
  public static Map<String, String> read(Path projectDir) {
    Path file = path(projectDir);
    try {
      Map<String, String> vars = new LinkedHashMap<>();
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        var m = LINE.matcher(line);
        if (m.matches()) {
          vars.put(m.group(1), unquote(m.group(2)));
        }
      }
      return vars;
    } catch (NoSuchFileException e) {
      throw DevenvException.failure("No environment in " + projectDir.toAbsolutePath() + " (" + file
          + " is missing): run devenv up", e);
    } catch (IOException e) {
      throw DevenvException.failure("Could not read " + file + ": " + e.getMessage(), e);
    }
  }

  /** {@code export KEY='value'} lines for {@code eval "$(devenv env)"}. */
  public static String exports(Map<String, String> vars) {
    StringBuilder text = new StringBuilder();
    vars.forEach((k, v) -> text.append("export ").append(k).append('=').append(shellQuote(v)).append('\n'));
    return text.toString();
  }

  /** A POSIX shell word that stands for exactly {@code value}. */
  static String shellQuote(String value) {
    return "'" + value.replace("'", "'\\''") + "'";
  }

  /** Plain when safe; else single-quoted, which dotenv readers (Compose, python-dotenv) take literally. */
  static String quote(String value) {
    if (PLAIN.matcher(value).matches() && !value.isEmpty()) {
      return value;
    }
    if (!value.contains("'") && !value.contains("\n")) {
      return "'" + value + "'";
    }
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("$", "\\$") + "\"";
  }

  static String unquote(String raw) {
    if (raw.length() >= 2 && raw.startsWith("'") && raw.endsWith("'")) {
      return raw.substring(1, raw.length() - 1);
    }
    if (raw.length() >= 2 && raw.startsWith("\"") && raw.endsWith("\"")) {
      StringBuilder out = new StringBuilder();
      String body = raw.substring(1, raw.length() - 1);
      for (int i = 0; i < body.length(); i++) {
        char c = body.charAt(i);
        if (c == '\\' && i + 1 < body.length()) {
          char next = body.charAt(++i);
          out.append(next == 'n' ? '\n' : next);
        } else {
          out.append(c);
        }
      }
      return out.toString();
    }
    return raw;
  }
}
