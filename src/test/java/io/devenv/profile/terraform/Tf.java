package io.devenv.profile.terraform;

import io.devenv.profile.Origin;
import io.devenv.profile.TerraformSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Writes Terraform into a directory and reads it as a profile's aws.terraform would. */
final class Tf {

  private Tf() {}

  static Path write(Path dir, String file, String hcl) {
    try {
      Path path = dir.resolve(file);
      Files.createDirectories(path.getParent());
      Files.writeString(path, hcl);
      return path;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static TerraformImport.Resources read(Path dir, String mainTf) {
    write(dir, "main.tf", mainTf);
    return read(dir, Map.of(), List.of());
  }

  static TerraformImport.Resources read(Path dir, Map<String, Object> vars, List<Path> varFiles) {
    return TerraformImport.read(new TerraformSource(Origin.of(dir.resolve("profile.yaml")), dir, vars, varFiles), "eu-west-3");
  }
}
