package io.devenv.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Docs that compile: a code block after {@code <!-- snippet: FILE#TAG -->} in docs/*.md must be
 * exactly the region between {@code // tag::TAG[]} and {@code // end::TAG[]} of FILE, which the
 * build compiles and runs. {@code -Ddevenv.updateDocs=true} rewrites the blocks from the code.
 */
class DocSnippetsTest {

  private static final Pattern MARKER = Pattern.compile(
      "<!-- snippet: (\\S+)#(\\S+) -->\\n```(\\w+)\\n(.*?)```", Pattern.DOTALL);

  static Stream<Path> docs() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("docs"))) {
      return files.filter(f -> f.toString().endsWith(".md")).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("docs")
  void snippetsAreTheCompiledCode(Path doc) throws IOException {
    String text = Files.readString(doc, StandardCharsets.UTF_8);
    Matcher m = MARKER.matcher(text);
    StringBuilder updated = new StringBuilder();
    List<String> stale = new ArrayList<>();
    while (m.find()) {
      String region = region(Path.of(m.group(1)), m.group(2));
      if (!region.equals(m.group(4))) {
        stale.add(m.group(1) + "#" + m.group(2));
      }
      m.appendReplacement(updated, Matcher.quoteReplacement(
          "<!-- snippet: " + m.group(1) + "#" + m.group(2) + " -->\n```" + m.group(3) + "\n" + region + "```"));
    }
    m.appendTail(updated);
    if (Boolean.getBoolean("devenv.updateDocs")) {
      Files.writeString(doc, updated.toString(), StandardCharsets.UTF_8);
      return;
    }
    assertThat(stale).as("snippets in %s that differ from the code (regenerate with -Ddevenv.updateDocs=true)", doc)
        .isEmpty();
  }

  /** The lines between the tags (several regions of one tag are joined), without the tag lines. */
  private static String region(Path source, String tag) throws IOException {
    StringBuilder out = new StringBuilder();
    boolean inside = false;
    boolean found = false;
    for (String line : Files.readAllLines(source, StandardCharsets.UTF_8)) {
      if (line.strip().equals("// tag::" + tag + "[]")) {
        inside = true;
        found = true;
      } else if (line.strip().equals("// end::" + tag + "[]")) {
        inside = false;
      } else if (inside) {
        out.append(line).append('\n');
      }
    }
    assertThat(found).as("%s has a region tagged %s", source, tag).isTrue();
    return out.toString();
  }
}
