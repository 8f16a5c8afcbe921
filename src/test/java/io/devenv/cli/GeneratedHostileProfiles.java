package io.devenv.cli;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Hostile profiles that cannot be committed: FIFOs, huge and sparse files, deep trees of extends. */
final class GeneratedHostileProfiles {
  static final List<String> NAMES = List.of("extends-fifo.yaml", "manifests-fifo.yaml", "seed-queue-from-fifo.yaml",
      "parameter-file-fifo.yaml", "profile-too-large.yaml", "scalar-8mb.yaml", "extends-diamond-24.yaml",
      "extends-chain-60.yaml", "extends-symlink-loop.yaml", "extends-symlink-to-dev-zero.yaml",
      "extends-huge-sparse.yaml", "seed-queue-from-huge-sparse.yaml", "extends-dir-named-yaml.yaml");
  private static final String BUCKET = "aws:\n  buckets:\n    - name: ok-bucket\n";

  private GeneratedHostileProfiles() {}

  static void write(Path dir) throws IOException, InterruptedException {
    Path fifo = dir.resolve("pipe.yaml");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    if (!mkfifo.waitFor(10, TimeUnit.SECONDS) || mkfifo.exitValue() != 0) {
      throw new IOException("mkfifo failed");
    }
    write(dir, "extends-fifo.yaml", "extends: pipe.yaml\n" + BUCKET);
    write(dir, "manifests-fifo.yaml", "kubernetes:\n  manifests: [pipe.yaml]\n");
    write(dir, "seed-queue-from-fifo.yaml", "aws:\n  queues:\n    - name: q1\nseed:\n  queues:\n    - queue: q1\n      from: pipe.yaml\n");
    write(dir, "parameter-file-fifo.yaml", "aws:\n  parameters:\n    - name: /p/one\n      file: pipe.yaml\n");

    write(dir, "profile-too-large.yaml", "name: big\n" + "# padding\n".repeat(250_000) + BUCKET);
    write(dir, "scalar-8mb.yaml", "description: \"" + "x".repeat(8 * 1024 * 1024) + "\"\n" + BUCKET);

    // A diamond: each level extends the next one twice; loaded naively it doubles per level.
    for (int i = 0; i < 24; i++) {
      write(dir, "diamond-" + i + "-a.yaml", "extends: [diamond-" + (i + 1) + "-a.yaml, diamond-" + (i + 1) + "-b.yaml]\n");
      write(dir, "diamond-" + i + "-b.yaml", "extends: [diamond-" + (i + 1) + "-a.yaml, diamond-" + (i + 1) + "-b.yaml]\n");
    }
    write(dir, "diamond-24-a.yaml", "aws:\n  region: eu-west-1\n");
    write(dir, "diamond-24-b.yaml", "aws:\n  bogus: 1\n");
    write(dir, "extends-diamond-24.yaml", "extends: [diamond-0-a.yaml, diamond-0-b.yaml]\n" + BUCKET);

    for (int i = 0; i < 60; i++) {
      write(dir, "chain-" + i + ".yaml", "extends: chain-" + (i + 1) + ".yaml\n");
    }
    write(dir, "chain-60.yaml", "aws:\n  bogus: 1\n");
    write(dir, "extends-chain-60.yaml", "extends: chain-0.yaml\n" + BUCKET);

    Files.createSymbolicLink(dir.resolve("loop-a.yaml"), dir.resolve("loop-b.yaml"));
    Files.createSymbolicLink(dir.resolve("loop-b.yaml"), dir.resolve("loop-a.yaml"));
    write(dir, "extends-symlink-loop.yaml", "extends: loop-a.yaml\n" + BUCKET);
    Files.createSymbolicLink(dir.resolve("zero.yaml"), Path.of("/dev/zero"));
    write(dir, "extends-symlink-to-dev-zero.yaml", "extends: zero.yaml\n" + BUCKET);

    // Sparse: 4 GB on paper, nothing on disk.
    try (RandomAccessFile sparse = new RandomAccessFile(dir.resolve("sparse.yaml").toFile(), "rw")) {
      sparse.setLength(4L * 1024 * 1024 * 1024);
    }
    write(dir, "extends-huge-sparse.yaml", "extends: sparse.yaml\n" + BUCKET);
    try (RandomAccessFile sparse = new RandomAccessFile(dir.resolve("sparse.ndjson").toFile(), "rw")) {
      sparse.setLength(4L * 1024 * 1024 * 1024);
    }
    write(dir, "seed-queue-from-huge-sparse.yaml",
        "aws:\n  queues:\n    - name: q1\nseed:\n  queues:\n    - queue: q1\n      from: sparse.ndjson\n");
    Files.createDirectories(dir.resolve("dir.yaml"));
    write(dir, "extends-dir-named-yaml.yaml", "extends: dir.yaml\n" + BUCKET);
  }

  private static void write(Path dir, String name, String content) throws IOException {
    Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
  }

  static void delete(Path dir) throws IOException {
    if (dir == null) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
