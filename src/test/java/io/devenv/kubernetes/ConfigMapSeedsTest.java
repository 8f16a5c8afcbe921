package io.devenv.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.devenv.core.DevenvException;
import io.devenv.core.ExitCode;
import io.devenv.profile.Origin;
import io.devenv.profile.SeedSpec.ConfigMapSeed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigMapSeedsTest {

  @Test
  @DisplayName("one key per file: text under data, other bytes under binaryData; subdirectories skipped")
  void oneKeyPerFile(@TempDir Path dir) throws Exception {
    // Given a text file, a binary one and a subdirectory
    Files.writeString(dir.resolve("features.json"), "{\"search\": true, \"titre\": \"Été\"}\n");
    Files.write(dir.resolve("logo.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, (byte) 0xff});
    Files.createDirectories(dir.resolve("nested"));
    Files.writeString(dir.resolve("nested/ignored.txt"), "x");

    // When made into a ConfigMap
    var configMap = ConfigMapSeeds.configMap(new ConfigMapSeed(Origin.NONE, "catalog-config", null, dir), "vod");

    // Then
    assertThat(configMap.getMetadata().getNamespace()).isEqualTo("vod");
    assertThat((Map<String, String>) configMap.get("data")).isEqualTo(Map.of("features.json", "{\"search\": true, \"titre\": \"Été\"}\n"));
    Map<String, String> binary = configMap.get("binaryData");
    assertThat(Base64.getDecoder().decode(binary.get("logo.png"))).containsExactly(0x89, 'P', 'N', 'G', 0, 0xff);
  }

  @Test
  @DisplayName("a file name that cannot be a key, and more than 1 MiB, are errors naming the file and the fix")
  void limits(@TempDir Path dir) throws Exception {
    Path bad = Files.createDirectories(dir.resolve("bad"));
    Files.writeString(bad.resolve("my settings.txt"), "x");
    Path big = Files.createDirectories(dir.resolve("big"));
    Files.write(big.resolve("blob.bin"), new byte[1024 * 1024 + 1]);

    DevenvException badKey = catchThrowableOfType(DevenvException.class,
        () -> ConfigMapSeeds.configMap(new ConfigMapSeed(Origin.NONE, "c", null, bad), "vod"));
    DevenvException tooBig = catchThrowableOfType(DevenvException.class,
        () -> ConfigMapSeeds.configMap(new ConfigMapSeed(Origin.NONE, "c", null, big), "vod"));

    assertThat(badKey.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
    assertThat(badKey.getMessage()).isEqualTo("seed.configMaps c: " + bad.resolve("my settings.txt")
        + " cannot be a ConfigMap key (only letters, digits, '-', '_' and '.'): rename the file");
    assertThat(tooBig.getMessage()).contains("holds 1048577 bytes; a ConfigMap holds at most 1 MiB");
  }
}
