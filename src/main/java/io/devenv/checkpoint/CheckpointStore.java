package io.devenv.checkpoint;

import io.devenv.core.DevenvException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where a project's checkpoints live: {@code <project>/.devenv/checkpoints/NAME/}. A checkpoint
 * is written in a hidden temporary directory beside it and renamed into place when complete, so
 * a killed save never leaves a half checkpoint under the name.
 */
public final class CheckpointStore {
  private static final String TEMP = ".tmp-";

  private final Path root;

  public CheckpointStore(Path projectDir) {
    this.root = projectDir.resolve(".devenv").resolve("checkpoints");
  }

  public Path root() {
    return root;
  }

  public Path dir(CheckpointName name) {
    return root.resolve(name.value());
  }

  public boolean exists(CheckpointName name) {
    return Files.isRegularFile(dir(name).resolve(Manifest.FILE));
  }

  /** The manifest of a checkpoint, or exit 2 naming what is there. */
  public Manifest manifest(CheckpointName name) {
    if (!exists(name)) {
      throw DevenvException.invalid("no checkpoint named " + name + " in " + root + "; 'devenv checkpoint list' lists them");
    }
    return Manifest.read(dir(name), name.value());
  }

  /** A listed checkpoint: its name, manifest and size on disk. */
  public record Entry(String name, Manifest manifest, long bytes) {}

  /** Every complete checkpoint, by name. */
  public List<Entry> list() {
    List<Entry> entries = new ArrayList<>();
    if (!Files.isDirectory(root)) {
      return entries;
    }
    try (Stream<Path> dirs = Files.list(root)) {
      for (Path d : dirs.sorted().toList()) {
        String name = d.getFileName().toString();
        if (!name.startsWith(".") && Files.isRegularFile(d.resolve(Manifest.FILE))) {
          entries.add(new Entry(name, Manifest.read(d, name), size(d)));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return entries;
  }

  /** A new, empty temporary directory to write a checkpoint into. */
  Path begin(CheckpointName name) throws IOException {
    Files.createDirectories(root);
    return Files.createTempDirectory(root, "." + name.value() + TEMP);
  }

  /** Puts a completed temporary directory in place under the name, replacing an older one. */
  void commit(Path temp, CheckpointName name) throws IOException {
    Path target = dir(name);
    Path old = null;
    if (Files.exists(target)) {
      old = Files.createTempDirectory(root, "." + name.value() + ".old-");
      Files.delete(old);
      move(target, old);
    }
    move(temp, target);
    if (old != null) {
      delete(old);
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to);
    }
  }

  /** Removes a checkpoint; exit 2 when there is none of that name. */
  public void remove(CheckpointName name) {
    Path dir = dir(name);
    if (!Files.isDirectory(dir)) {
      throw DevenvException.invalid("no checkpoint named " + name + " in " + root + "; 'devenv checkpoint list' lists them");
    }
    // Hide it first, so a removal that stops half-way leaves no damaged checkpoint under the name.
    try {
      Path hidden = Files.createTempDirectory(root, "." + name.value() + ".rm-");
      Files.delete(hidden);
      move(dir, hidden);
      delete(hidden);
    } catch (IOException e) {
      throw DevenvException.failure("cannot remove checkpoint " + name + " (" + e.getMessage() + ")", e);
    }
  }

  static void delete(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    Files.walkFileTree(dir, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
        Files.delete(d);
        return FileVisitResult.CONTINUE;
      }
    });
  }

  private static long size(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }
}
