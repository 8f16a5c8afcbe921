package io.devenv.checkpoint;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/** SHA-256 of a checkpoint's files and trees, as the manifest records them. */
final class Hashes {
  private Hashes() {}

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  static String file(Path file) throws IOException {
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha256())) {
      in.transferTo(OutputStream.nullOutputStream());
      return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
    }
  }

  /** A directory tree: its files' relative paths and hashes, in path order; an absent tree hashes as empty. */
  static String tree(Path dir) throws IOException {
    MessageDigest digest = sha256();
    if (Files.isDirectory(dir)) {
      List<Path> files;
      try (Stream<Path> walk = Files.walk(dir)) {
        files = walk.filter(Files::isRegularFile).sorted().toList();
      }
      for (Path f : files) {
        digest.update((dir.relativize(f).toString().replace('\\', '/') + "\0" + file(f) + "\n").getBytes(StandardCharsets.UTF_8));
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** One hash for several: a bucket's tree and its properties file. */
  static String combined(String... hashes) {
    return HexFormat.of().formatHex(sha256().digest(String.join("\0", hashes).getBytes(StandardCharsets.UTF_8)));
  }
}
