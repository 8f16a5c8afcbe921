package io.devenv.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * docs/profile-reference.md cannot drift from the code: its key tables are what
 * {@link ReferenceDoc} renders from the records. Run with {@code -Ddevenv.updateDocs=true} to
 * rewrite the generated part (the hand-written text around it is kept).
 */
class ReferenceDocTest {

  static final Path REFERENCE = Golden.PROJECT_ROOT.resolve("docs/profile-reference.md");

  @Test
  @DisplayName("docs/profile-reference.md holds exactly the key tables the records render")
  void referenceIsUpToDate() throws IOException {
    // Given the reference as committed
    String committed = Files.readString(REFERENCE, StandardCharsets.UTF_8);

    // When its generated part is rendered again from the code
    String rendered = ReferenceDoc.update(committed);

    // Then nothing changes (or, when asked, the file is rewritten)
    if (Boolean.getBoolean("devenv.updateDocs")) {
      Files.writeString(REFERENCE, rendered, StandardCharsets.UTF_8);
      return;
    }
    assertThat(committed)
        .as("docs/profile-reference.md is out of date: run mvn test -Dtest=ReferenceDocTest -Ddevenv.updateDocs=true")
        .isEqualTo(rendered);
  }

  @Test
  @DisplayName("every key of the format has a meaning, and every key appears in the reference")
  void everyKeyIsDocumented() throws IOException {
    String reference = Files.readString(REFERENCE, StandardCharsets.UTF_8);
    List<ReferenceDoc.Key> keys = ReferenceDoc.keys();

    assertThat(keys).as("keys found in the records").hasSizeGreaterThan(60);
    assertThat(keys).filteredOn(k -> !k.component().isAnnotationPresent(Doc.class))
        .as("keys without @Doc").isEmpty();
    for (ReferenceDoc.Key key : keys) {
      assertThat(reference).as("the reference documents %s", key.path()).contains("| `" + Binder.keyOf(key.component()) + "` |");
    }
  }

  @Test
  @DisplayName("the reference names the merge identity of every list merged by name, and ends with its known limitations")
  void mergeIdentitiesAndLimitations() throws IOException {
    String reference = Files.readString(REFERENCE, StandardCharsets.UTF_8);

    Merger.namedLists().keySet().forEach(path ->
        assertThat(reference).as("a section for %s", path).contains("### `" + path + "[]`"));
    assertThat(reference).contains("an item merges with the inherited item of the same `service`");
    assertThat(reference.substring(reference.lastIndexOf("\n## "))).as("the page's last section")
        .startsWith("\n## Known limitations\n");
  }

  @Test
  @DisplayName("update() replaces only the text between the markers")
  void updateKeepsHandWrittenText() {
    String page = "# Title\nintro\n" + ReferenceDoc.BEGIN + "\nstale\n" + ReferenceDoc.END + "\n## Known limitations\n- one\n";

    String updated = ReferenceDoc.update(page);

    assertThat(updated).startsWith("# Title\nintro\n" + ReferenceDoc.BEGIN + "\n")
        .endsWith(ReferenceDoc.END + "\n## Known limitations\n- one\n")
        .doesNotContain("stale")
        .contains("### `aws.queues[].deadLetter`");
  }
}
