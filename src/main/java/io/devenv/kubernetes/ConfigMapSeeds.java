package io.devenv.kubernetes;

import io.devenv.core.DevenvException;
import io.devenv.core.ExitCode;
import io.devenv.core.Utf8;
import io.devenv.profile.Origin;
import io.devenv.profile.SeedSpec.ConfigMapSeed;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * ConfigMaps made from directories ({@code seed.configMaps}), as
 * {@code kubectl create configmap --from-file=<dir>} makes them: one key per regular file of the
 * directory (subdirectories are skipped), UTF-8 files under {@code data}, others under
 * {@code binaryData}.
 */
final class ConfigMapSeeds {

  /** The API server refuses a ConfigMap over 1 MiB. */
  static final long MAX_BYTES = 1024 * 1024;

  private static final Pattern KEY = Pattern.compile("[-._a-zA-Z0-9]+");
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private ConfigMapSeeds() {}

  /** The ConfigMap of one seed, in {@code namespace}. */
  static GenericKubernetesResource configMap(ConfigMapSeed seed, String namespace) {
    String where = seed.origin() == null || seed.origin().file() == null ? "" : seed.origin() + ": ";
    Map<String, String> data = new TreeMap<>();
    Map<String, String> binary = new TreeMap<>();
    long total = 0;
    if (!Files.isDirectory(seed.from())) {
      throw invalid(where + "seed.configMaps " + seed.name() + ": " + Origin.display(seed.from()) + " is not a directory");
    }
    try (Stream<Path> files = Files.list(seed.from())) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        String key = file.getFileName().toString();
        if (!KEY.matcher(key).matches()) {
          throw invalid(where + "seed.configMaps " + seed.name() + ": " + Origin.display(file)
              + " cannot be a ConfigMap key (only letters, digits, '-', '_' and '.'): rename the file");
        }
        byte[] bytes = Files.readAllBytes(file);
        total += bytes.length;
        String text = utf8(bytes);
        if (text != null) {
          data.put(key, text);
        } else {
          binary.put(key, Base64.getEncoder().encodeToString(bytes));
        }
      }
    } catch (IOException e) {
      throw new DevenvException(ExitCode.FAILURE,
          where + "cannot read " + Origin.display(seed.from()) + " for ConfigMap " + seed.name() + ": " + e.getMessage(), e);
    }
    if (total > MAX_BYTES) {
      throw invalid(where + "seed.configMaps " + seed.name() + ": " + Origin.display(seed.from()) + " holds " + total
          + " bytes; a ConfigMap holds at most 1 MiB: mount large files another way");
    }
    var configMap = new ConfigMapBuilder()
        .withNewMetadata().withName(seed.name()).withNamespace(namespace).endMetadata()
        .withData(data.isEmpty() ? null : data)
        .withBinaryData(binary.isEmpty() ? null : binary)
        .build();
    return SERIALIZATION.convertValue(configMap, GenericKubernetesResource.class);
  }

  static List<GenericKubernetesResource> configMaps(List<ConfigMapSeed> seeds, String defaultNamespace) {
    return seeds.stream()
        .map(s -> configMap(s, s.namespace() == null || s.namespace().isBlank() ? defaultNamespace : s.namespace()))
        .toList();
  }

  private static String utf8(byte[] bytes) {
    return Utf8.decode(bytes).orElse(null);
  }

  private static DevenvException invalid(String message) {
    return new DevenvException(ExitCode.INVALID_INPUT, message);
  }
}
