package io.devenv.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files: expected output kept beside its input and compared byte for byte. Run the tests
 * with {@code -Ddevenv.updateGolden=true} to rewrite them from what the code does now, then
 * review the diff before committing it.
 */
public final class Golden {

  /** Where {@code src/} is: Maven passes it; from an IDE the working directory is the module. */
  public static final Path PROJECT_ROOT =
      Path.of(System.getProperty("devenv.projectRoot", "")).toAbsolutePath().normalize();

  /** The profiles test data, in the source tree (messages name these paths, not target/ copies). */
  public static final Path PROFILES = PROJECT_ROOT.resolve("src/test/resources/profiles");

  private Golden() {}

  public static boolean updating() {
    return Boolean.getBoolean("devenv.updateGolden");
  }

  /** Compares {@code actual} with the file's content, or writes it there when updating. */
  public static void assertMatches(Path expectedFile, String actual, String description) {
    try {
      if (updating()) {
        Files.writeString(expectedFile, actual, StandardCharsets.UTF_8);
        return;
      }
      assertThat(expectedFile)
          .as("golden file %s exists (run with -Ddevenv.updateGolden=true to create it)", PROJECT_ROOT.relativize(expectedFile))
          .exists();
      assertThat(actual)
          .as("%s, compared with %s (run with -Ddevenv.updateGolden=true to accept the new output)", description,
              PROJECT_ROOT.relativize(expectedFile))
          .isEqualTo(Files.readString(expectedFile, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
