package io.devenv.checkpoint;

import io.devenv.kubernetes.SeededConfigMaps;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A seeded ConfigMap in a checkpoint, in the form a {@code seed.configMaps} directory has: one
 * file per key under {@code configmaps/NAMESPACE/NAME/}, text values as UTF-8, binary values as
 * their bytes. Which keys were binary is kept in the manifest, so a binary value that happens to
 * be valid UTF-8 is restored as binary.
 */
final class ConfigMapFiles {
  static final String DIR = "configmaps";

  private ConfigMapFiles() {}

  static Path dir(Path checkpoint, String namespace, String name) {
    return checkpoint.resolve(DIR).resolve(namespace).resolve(name);
  }

  static Manifest.ConfigMap write(Path checkpoint, SeededConfigMaps.Ref ref, SeededConfigMaps.Contents contents) throws IOException {
    Path dir = Files.createDirectories(dir(checkpoint, ref.namespace(), ref.name()));
    for (Map.Entry<String, String> e : contents.data().entrySet()) {
      Files.write(dir.resolve(e.getKey()), e.getValue().getBytes(StandardCharsets.UTF_8));
    }
    for (Map.Entry<String, String> e : contents.binaryData().entrySet()) {
      Files.write(dir.resolve(e.getKey()), Base64.getDecoder().decode(e.getValue()));
    }
    return new Manifest.ConfigMap(ref.namespace(), ref.name(), contents.data().size() + contents.binaryData().size(),
        List.copyOf(new java.util.TreeSet<>(contents.binaryData().keySet())), Hashes.tree(dir));
  }

  static SeededConfigMaps.Contents read(Path checkpoint, Manifest.ConfigMap m) throws IOException {
    Path dir = dir(checkpoint, m.namespace(), m.name());
    Set<String> binary = new HashSet<>(m.binaryKeys());
    Map<String, String> data = new TreeMap<>();
    Map<String, String> binaryData = new TreeMap<>();
    List<Path> files = new ArrayList<>();
    if (Files.isDirectory(dir)) {
      try (Stream<Path> list = Files.list(dir)) {
        list.filter(Files::isRegularFile).forEach(files::add);
      }
    }
    for (Path f : files) {
      String key = f.getFileName().toString();
      byte[] bytes = Files.readAllBytes(f);
      if (binary.contains(key)) {
        binaryData.put(key, Base64.getEncoder().encodeToString(bytes));
      } else {
        data.put(key, new String(bytes, StandardCharsets.UTF_8));
      }
    }
    return new SeededConfigMaps.Contents(data, binaryData);
  }
}
