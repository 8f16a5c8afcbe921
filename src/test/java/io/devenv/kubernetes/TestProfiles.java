package io.devenv.kubernetes;

import io.devenv.environment.AwsAccess;
import io.devenv.profile.Profile;
import io.devenv.profile.ProfileLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Profiles for tests, loaded by the real loader with no environment variables. */
final class TestProfiles {

  /** The emulator as the docker engine would report it: published on 127.0.0.1, at 172.18.0.5 on the network. */
  static final AwsAccess AWS = new AwsAccess(URI.create("http://127.0.0.1:45660"), "eu-west-3", "test", "test", "172.18.0.5", 4566);

  private TestProfiles() {}

  /** A profile file of the project, e.g. "default.yaml". */
  static Profile sample(String file) {
    return new ProfileLoader(Map.of()).loadFile(Fixtures.profile(file));
  }

  /** Writes {@code yaml} as {@code dir/profile.yaml} and loads it; paths in it are relative to {@code dir}. */
  static Profile write(Path dir, String yaml) {
    Path file = dir.resolve("profile.yaml");
    try {
      Files.writeString(file, yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new ProfileLoader(Map.of()).loadContent(file, yaml.getBytes(StandardCharsets.UTF_8));
  }
}
