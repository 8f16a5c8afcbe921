package io.devenv.core;

import io.devenv.core.FileSignature.Depth;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a check read while it ran, when that is only known once it has run (a profile's
 * {@code extends} chain, its Terraform directories): every path with how much of it the result
 * depends on, and every environment variable it looked up. The key a {@link CheckCache} keeps its
 * result under. One check at a time: not thread-safe.
 */
public final class Reads {

  /** Records nothing: for callers that keep no result. */
  public static final Reads NONE = new Reads(false);

  private final boolean kept;
  private final Map<Path, Depth> files = new LinkedHashMap<>();
  private final Set<String> variables = new TreeSet<>();

  private Reads(boolean kept) {
    this.kept = kept;
  }

  /** An empty record of reads. */
  public static Reads recording() {
    return new Reads(true);
  }

  /** A file whose content was read. */
  public void read(Path file) {
    add(file, Depth.ENTRY);
  }

  /** A directory whose names were listed (not its files' content). */
  public void listed(Path directory) {
    add(directory, Depth.ENTRY);
  }

  /** A path asked only whether it exists and as what. */
  public void probed(Path path) {
    add(path, Depth.KIND);
  }

  /** An environment variable looked up, set or not. */
  public void variable(String name) {
    if (kept) {
      variables.add(name);
    }
  }

  /** Every path with the most that was read of it, in the order first met. */
  public Map<Path, Depth> files() {
    return Collections.unmodifiableMap(files);
  }

  /** The environment variables looked up, sorted. */
  public Set<String> variables() {
    return Collections.unmodifiableSet(variables);
  }

  private void add(Path path, Depth depth) {
    if (kept && path != null) {
      files.merge(path.toAbsolutePath().normalize(), depth, (a, b) -> a.compareTo(b) >= 0 ? a : b);
    }
  }
}
