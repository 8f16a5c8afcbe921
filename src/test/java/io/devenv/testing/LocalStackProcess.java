package io.devenv.testing;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * LocalStack community 4.14.0 — devenv's default emulator — run as a process on this machine
 * through the launcher {@code .ci/prepare-localstack.sh} writes ({@code python -m
 * localstack.runtime.main} on CPython 3.13, with its Kinesis engine pre-installed).
 *
 * <p>The launcher is {@code $DEVENV_LOCALSTACK}, else {@code $DEVENV_TEST_LOCALSTACK} (set by
 * {@code .ci/run}), else {@code ~/.cache/devenv-ci/localstack-venv/bin/devenv-localstack}. When none
 * exists the tests are skipped (failed in CI) by {@link Requirements}.
 */
public final class LocalStackProcess extends EmulatorProcess {
  public static final String HOW_TO_INSTALL = "LocalStack 4.14.0 is not installed: run bash .ci/prepare-localstack.sh"
      + " (needs CPython 3.13 and Node.js; or set DEVENV_LOCALSTACK to its launcher)";

  public LocalStackProcess() {
    super(Emulator.LOCALSTACK);
  }

  public static Optional<Path> executable() {
    return configuredOr(List.of("DEVENV_LOCALSTACK", "DEVENV_TEST_LOCALSTACK"), Path.of(System.getProperty("user.home"),
        ".cache", "devenv-ci", "localstack-venv", "bin", "devenv-localstack"));
  }

  /** The community edition has no persistence: nothing to ask for; {@link #keepsStateAcrossRestarts} says so. */
  @Override
  public LocalStackProcess withPersistence(Path dir) {
    return this;
  }

  @Override
  public boolean keepsStateAcrossRestarts() {
    return false;
  }

  @Override
  protected Optional<Path> findExecutable() {
    return executable();
  }

  @Override
  protected String howToInstall() {
    return HOW_TO_INSTALL;
  }

  @Override
  protected void configure(Map<String, String> env, int port, Path workDir) {
    env.put("GATEWAY_LISTEN", "127.0.0.1:" + port);
    env.put("FILESYSTEM_ROOT", workDir.resolve("root").toString());
    env.put("LS_LOG", "warn");
  }

  @Override
  protected String healthPath() {
    return "/_localstack/health";
  }
}
