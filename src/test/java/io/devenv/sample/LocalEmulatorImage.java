package io.devenv.sample;

import io.devenv.engine.DockerRequirements;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Registered before {@code @DevEnv}: skips the class (fails it in CI) when Docker or the local
 * MiniStack image is missing, before devenv tries to start anything.
 */
public final class LocalEmulatorImage implements BeforeAllCallback {
  @Override
  public void beforeAll(ExtensionContext context) {
    DockerRequirements.image(DockerRequirements.MINISTACK_IMAGE);
  }
}
