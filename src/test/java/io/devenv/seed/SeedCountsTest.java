package io.devenv.seed;

import static org.assertj.core.api.Assertions.assertThat;

import io.devenv.testing.TestProfiles;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SeedCountsTest {
  @Test
  @DisplayName("counts the sample platform's objects, items and messages from its files alone")
  void countsPlatform() {
    SeedCounts counts = SeedCounts.of(TestProfiles.platform("p").seed());
    assertThat(counts.objects()).as("objects").isEqualTo(51);
    assertThat(counts.items()).as("items").isEqualTo(597 + 320);
    assertThat(counts.messages()).as("messages").isEqualTo(30 + 50);
    assertThat(counts.toString()).isEqualTo("51 objects, 917 items, 80 messages");
  }

  @Test
  @DisplayName("keys are the prefix and the relative path with '/' separators, names kept as they are")
  void keys() {
    assertThat(BucketSeeder.key("originals/", Path.of("2020", "validé", "cover.png"))).isEqualTo("originals/2020/validé/cover.png");
    assertThat(BucketSeeder.key("", Path.of("日本", "説明.json"))).isEqualTo("日本/説明.json");
  }

  @Test
  @DisplayName("content types come from the extension, whatever its case, with a binary default")
  void contentTypes() {
    assertThat(ContentTypes.of("cover.JPG")).isEqualTo("image/jpeg");
    assertThat(ContentTypes.of("manifest.json")).isEqualTo("application/json");
    assertThat(ContentTypes.of("licences.csv")).startsWith("text/csv");
    assertThat(ContentTypes.of("blob")).isEqualTo(ContentTypes.DEFAULT);
  }
}
