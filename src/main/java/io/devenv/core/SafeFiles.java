package io.devenv.core;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/**
 * Reading the files a profile names, which anyone can point anywhere: {@code /dev/zero} never
 * ends, a FIFO blocks forever, {@code /proc/kcore} is huge. Only regular files are opened (their
 * kind is read from the directory entry first), and never more than a limit.
 */
public final class SafeFiles {
  /** The largest profile (or file a profile extends): far beyond any real one, small enough to parse in well under a second. */
  public static final int PROFILE_LIMIT = 1024 * 1024;
  /** The largest Kubernetes manifest file. */
  public static final int MANIFEST_LIMIT = 8 * 1024 * 1024;

  private SafeFiles() {}

  /** A file that exists but must not be read, with the reason in the user's terms. */
  public static final class Refused extends IOException {
    private static final long serialVersionUID = 1L;

    public Refused(String reason) {
      super(reason);
    }
  }

  /**
   * What the path is, when it is neither a regular file nor a directory: "a FIFO (named pipe)",
   * "a character device"...; empty for a regular file or a directory. Never opens the file.
   */
  public static Optional<String> special(Path path) throws IOException {
    BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
    if (attributes.isRegularFile() || attributes.isDirectory()) {
      return Optional.empty();
    }
    return Optional.of(describeSpecial(path));
  }

  /** Whether the path is a regular file (following links), read from its directory entry. */
  public static boolean isRegularFile(Path path) {
    return Files.isRegularFile(path);
  }

  /**
   * The file's bytes, when it is a regular file of at most {@code limit} bytes.
   *
   * @throws Refused for a directory, a special file, or a file over the limit
   * @throws IOException when it cannot be read (see {@link #reason})
   */
  public static byte[] read(Path file, int limit) throws IOException {
    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
    if (attributes.isDirectory()) {
      throw new Refused("is a directory, not a file");
    }
    if (!attributes.isRegularFile()) {
      throw new Refused("is " + describeSpecial(file) + ", not a regular file; name a regular file");
    }
    if (attributes.size() > limit) {
      throw new Refused("is " + size(attributes.size()) + ", more than the limit of " + size(limit));
    }
    try (InputStream in = Files.newInputStream(file)) {
      byte[] bytes = in.readNBytes(limit + 1);
      if (bytes.length > limit) {
        throw new Refused("grew beyond the limit of " + size(limit) + " while it was read");
      }
      return bytes;
    }
  }

  /** Why a file could not be read, as the operating system said it: "permission denied", "no such file"... */
  public static String reason(IOException e) {
    if (e instanceof Refused) {
      return e.getMessage();
    }
    if (e instanceof NoSuchFileException) {
      return "it does not exist";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NotDirectoryException) {
      return "a part of the path is not a directory";
    }
    if (e instanceof FileSystemException fs && fs.getReason() != null) {
      return fs.getReason();
    }
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }

  /** "12.0 MB", "512 bytes". */
  public static String size(long bytes) {
    if (bytes < 1024) {
      return bytes + " bytes";
    }
    if (bytes < 1024 * 1024) {
      return String.format(java.util.Locale.ROOT, "%.1f KB", bytes / 1024.0);
    }
    return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
  }

  private static String describeSpecial(Path path) {
    try {
      int mode = (Integer) Files.getAttribute(path, "unix:mode");
      return switch (mode & 0170000) {
        case 0010000 -> "a FIFO (named pipe)";
        case 0020000 -> "a character device";
        case 0060000 -> "a block device";
        case 0140000 -> "a socket";
        default -> "a special file";
      };
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
      return "a special file";
    }
  }
}
