package io.devenv.lifecycle;

import io.devenv.core.DevenvException;
import io.devenv.engine.EngineChoice;
import io.devenv.engine.EngineKind;
import io.devenv.environment.DevenvDir;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;

/**
 * The engine the last {@code up} of a project used, in {@code .devenv/engine}: {@code status},
 * {@code down}, {@code seed} and {@code logs} without {@code --engine} go to the same one.
 */
public final class EngineRecord {

  private EngineRecord() {}

  public static Path path(Path projectDir) {
    return projectDir.resolve(DevenvDir.NAME).resolve("engine");
  }

  /** The engine given, else the one the last up used, else docker. */
  public static EngineChoice resolve(Path projectDir, EngineChoice given) {
    return given != null ? given : read(projectDir);
  }

  static void write(Path projectDir, EngineChoice choice) {
    Properties p = new Properties();
    p.setProperty("engine", choice.kind().name().toLowerCase(Locale.ROOT));
    if (choice.awsEndpoint() != null) {
      p.setProperty("awsEndpoint", choice.awsEndpoint().toString());
    }
    p.setProperty("allowRemoteAws", String.valueOf(choice.allowRemoteAws()));
    if (choice.kubeconfig() != null) {
      p.setProperty("kubeconfig", choice.kubeconfig().toAbsolutePath().normalize().toString());
    }
    if (choice.context() != null) {
      p.setProperty("context", choice.context());
    }
    Path file = DevenvDir.ensure(projectDir).resolve("engine");
    if (p.equals(stored(file))) {
      return; // as recorded: an up that changed nothing writes nothing
    }
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      p.store(out, "the engine devenv up used last; written by devenv");
    } catch (IOException e) {
      throw DevenvException.failure("Could not write " + file + ": " + e.getMessage(), e);
    }
  }

  /** What the file holds, or null when it cannot be read. */
  private static Properties stored(Path file) {
    if (!Files.isRegularFile(file)) {
      return null;
    }
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(in);
      return p;
    } catch (IOException | IllegalArgumentException e) {
      return null;
    }
  }

  static EngineChoice read(Path projectDir) {
    Path file = path(projectDir);
    if (!Files.isRegularFile(file)) {
      return EngineChoice.docker();
    }
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(in);
      EngineKind kind = EngineKind.valueOf(p.getProperty("engine", "docker").toUpperCase(Locale.ROOT));
      String endpoint = p.getProperty("awsEndpoint");
      String kubeconfig = p.getProperty("kubeconfig");
      return new EngineChoice(kind, endpoint == null ? null : URI.create(endpoint),
          Boolean.parseBoolean(p.getProperty("allowRemoteAws")), kubeconfig == null ? null : Path.of(kubeconfig),
          p.getProperty("context"));
    } catch (IOException | IllegalArgumentException e) {
      throw DevenvException.invalid("cannot read " + file + " (" + e.getMessage() + "): remove it, or pass --engine");
    }
  }
}
