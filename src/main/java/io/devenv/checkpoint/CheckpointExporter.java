package io.devenv.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.devenv.core.DevenvException;
import io.devenv.seed.SeedFileReader;
import io.devenv.seed.SeedRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code devenv checkpoint export NAME --to DIR}: copies a checkpoint's data into DIR as seed
 * fixtures and writes {@code DIR/seed.yaml}, a {@code seed:} section that loads them. Its paths
 * are relative to {@code relativeTo}, the directory of the profile file the section will be put
 * in (as every path in a profile is relative to its own file). Secret and parameter values go
 * to {@code DIR/values/}, listed in a commented {@code aws:} block: they are declared values,
 * not seed data, and replace what the profile declares only when copied there by hand.
 */
public final class CheckpointExporter {
  public static final String SEED_FILE = "seed.yaml";
  private static final YAMLMapper YAML = new YAMLMapper(YAMLFactory.builder()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
      .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
      .build());

  private final CheckpointStore store;

  public CheckpointExporter(CheckpointStore store) {
    this.store = store;
  }

  /** Writes the fixtures and returns the {@code seed.yaml} written. */
  public Path export(CheckpointName name, Path to, Path relativeTo) {
    Manifest m = store.manifest(name);
    Path from = store.dir(name);
    Path out = to.toAbsolutePath().normalize();
    Path base = relativeTo.toAbsolutePath().normalize();
    try {
      if (Files.exists(out) && (!Files.isDirectory(out) || !empty(out))) {
        throw DevenvException.invalid("--to " + to + " exists and is not an empty directory; name a new one");
      }
      Files.createDirectories(out);
      for (String part : List.of("buckets", "tables", "queues", ConfigMapFiles.DIR)) {
        copyTree(from.resolve(part), out.resolve(part));
      }
      Map<String, Object> seed = new LinkedHashMap<>();
      seed.put("buckets", m.buckets().stream().map(b -> entry("bucket", b.name(),
          "from", rel(base, out.resolve("buckets").resolve(b.name())),
          "objects", rel(base, out.resolve("buckets").resolve(b.name() + ".objects.ndjson")))).toList());
      seed.put("tables", m.tables().stream().map(t -> entry("table", t.name(),
          "from", rel(base, out.resolve("tables").resolve(t.name() + ".ndjson")))).toList());
      seed.put("queues", m.queues().stream().map(q -> entry("queue", q.name(),
          "from", rel(base, out.resolve("queues").resolve(q.name() + ".ndjson")))).toList());
      seed.put("configMaps", m.configMaps().stream().map(c -> entry("name", c.name(), "namespace", c.namespace(),
          "from", rel(base, ConfigMapFiles.dir(out, c.namespace(), c.name())))).toList());
      for (Manifest.ConfigMap c : m.configMaps()) {
        // An empty ConfigMap's directory holds no file; copying files alone would not make it.
        Files.createDirectories(ConfigMapFiles.dir(out, c.namespace(), c.name()));
      }
      seed.values().removeIf(v -> ((List<?>) v).isEmpty());
      StringBuilder text = new StringBuilder()
          .append("# Exported by devenv ").append(m.devenvVersion()).append(" from checkpoint ").append(name)
          .append(" of profile ").append(m.profile()).append(", saved ").append(m.created()).append(".\n")
          .append("# Paths are relative to ").append(base).append(": put this section in a profile file there.\n")
          .append(YAML.writeValueAsString(Map.of("seed", seed)));
      String values = values(from, out, base, m);
      if (!values.isEmpty()) {
        text.append("# Secret and parameter values at the checkpoint (declared values, not seed data):\n")
            .append("# to use them, put these under aws: in place of the profile's own value or file.\n")
            .append(values.lines().map(l -> "# " + l + "\n").reduce("", String::concat));
      }
      Path file = out.resolve(SEED_FILE);
      Files.writeString(file, text.toString(), StandardCharsets.UTF_8);
      return file;
    } catch (IOException e) {
      throw DevenvException.failure("cannot export checkpoint " + name + " to " + to + " (" + e.getMessage() + ")", e);
    }
  }

  private static String values(Path from, Path out, Path base, Manifest m) throws IOException {
    Map<String, Object> aws = new LinkedHashMap<>();
    if (!m.secrets().isEmpty()) {
      List<Map<String, Object>> secrets = new ArrayList<>();
      Path dir = Files.createDirectories(out.resolve("values"));
      int i = 0;
      for (SeedRecord r : SeedFileReader.read(from.resolve(ValueSaver.SECRETS))) {
        JsonNode n = r.node();
        Path file = dir.resolve("secret-" + ++i + (n.has("string") ? ".txt" : ".bin"));
        Files.write(file, n.has("string") ? n.get("string").asText().getBytes(StandardCharsets.UTF_8)
            : Base64.getDecoder().decode(n.get("binary").asText()));
        secrets.add(entry("name", n.get("name").asText(), "file", rel(base, file)));
      }
      aws.put("secrets", secrets);
    }
    if (!m.parameters().isEmpty()) {
      List<Map<String, Object>> parameters = new ArrayList<>();
      for (SeedRecord r : SeedFileReader.read(from.resolve(ValueSaver.PARAMETERS))) {
        JsonNode n = r.node();
        parameters.add(entry("name", n.get("name").asText(), "value", n.get("value").asText(), "type", n.get("type").asText()));
      }
      aws.put("parameters", parameters);
    }
    return aws.isEmpty() ? "" : YAML.writeValueAsString(Map.of("aws", aws));
  }

  private static boolean empty(Path dir) throws IOException {
    try (var files = Files.list(dir)) {
      return files.findAny().isEmpty();
    }
  }

  private static Map<String, Object> entry(String... pairs) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put(pairs[i], pairs[i + 1]);
    }
    return map;
  }

  /** A path as a profile in {@code base} names it: relative, with '/' separators. */
  static String rel(Path base, Path target) {
    return base.relativize(target).toString().replace('\\', '/');
  }

  private static void copyTree(Path from, Path to) throws IOException {
    if (!Files.exists(from)) {
      return;
    }
    Files.walkFileTree(from, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
        Files.createDirectories(to.resolve(from.relativize(dir).toString()));
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        if (file.getParent().equals(from) && file.getFileName().toString().endsWith(".versions.ndjson")) {
          return FileVisitResult.CONTINUE; // what a restore may trust of the emulator's objects: not seed data
        }
        Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
