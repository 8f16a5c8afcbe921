package io.devenv.kubernetes;

import java.nio.file.Path;

/** Where the project's fixtures and profiles are, whatever directory the tests run from. */
final class Fixtures {

  private Fixtures() {}

  static Path root() {
    return Path.of(System.getProperty("devenv.projectRoot", ".")).toAbsolutePath().normalize();
  }

  static Path profile(String name) {
    return root().resolve("profiles").resolve(name);
  }
}
