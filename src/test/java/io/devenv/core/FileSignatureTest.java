package io.devenv.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.devenv.core.FileSignature.Depth;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How much of a path a signature covers: its kind, its own entry, or its whole tree. */
class FileSignatureTest {
  @TempDir
  Path dir;

  /** File times move by the kernel's clock tick: changes are made a tick apart, as the cache's settle time ensures. */
  private static void tick() throws InterruptedException {
    Thread.sleep(20);
  }

  private String sign(Path path, Depth depth) {
    return FileSignature.of(Map.of(path, depth)).orElseThrow().text();
  }

  @Test
  @DisplayName("KIND: a file rewritten keeps its signature; removed, or replaced by a directory, it changes")
  void kindOnly() throws Exception {
    Path file = Files.writeString(dir.resolve("seed.ndjson"), "{}\n");
    String before = sign(file, Depth.KIND);

    tick();
    Files.writeString(file, "{\"a\":1}\n{\"b\":2}\n");
    assertThat(sign(file, Depth.KIND)).as("content is not part of a kind").isEqualTo(before);

    tick();
    Files.delete(file);
    String absent = sign(file, Depth.KIND);
    assertThat(absent).as("removed").isNotEqualTo(before).endsWith("absent\n");

    tick();
    Files.createDirectory(file);
    assertThat(sign(file, Depth.KIND)).as("now a directory").isNotEqualTo(before).isNotEqualTo(absent);
  }

  @Test
  @DisplayName("ENTRY of a directory: a name added or removed changes it; a child's content does not")
  void directoryEntry() throws Exception {
    Path tf = Files.createDirectory(dir.resolve("terraform"));
    Path main = Files.writeString(tf.resolve("main.tf"), "locals {}\n");
    String before = sign(tf, Depth.ENTRY);

    tick();
    Files.writeString(main, "locals { a = 1 }\n");
    assertThat(sign(tf, Depth.ENTRY)).as("a child rewritten in place").isEqualTo(before);

    tick();
    Files.writeString(tf.resolve("extra.tf"), "locals {}\n");
    String added = sign(tf, Depth.ENTRY);
    assertThat(added).as("a file added").isNotEqualTo(before);

    tick();
    Files.delete(tf.resolve("extra.tf"));
    assertThat(sign(tf, Depth.ENTRY)).as("a file removed").isNotEqualTo(added);
  }

  @Test
  @DisplayName("ENTRY of a file: any write changes it")
  void fileEntry() throws Exception {
    Path file = Files.writeString(dir.resolve("profile.yaml"), "name: a\n");
    String before = sign(file, Depth.ENTRY);
    tick();
    Files.writeString(file, "name: b\n");
    assertThat(sign(file, Depth.ENTRY)).isNotEqualTo(before);
  }
}
