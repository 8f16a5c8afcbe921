package io.devenv.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * MiniStack (a LocalStack-compatible AWS emulator from PyPI) run as a process on this machine:
 *
 * <pre>{@code
 * @RegisterExtension static final MiniStackProcess ministack = new MiniStackProcess();
 * }</pre>
 *
 * <p>The executable is {@code $DEVENV_MINISTACK}, else {@code $DEVENV_TEST_MINISTACK_BIN} (set by
 * {@code .ci/run}), else {@code ~/.cache/devenv-ci/venv/bin/ministack},
 * else {@code ministack} on the PATH. When none exists the tests are skipped (failed in CI) by
 * {@link Requirements}.
 */
public final class MiniStackProcess extends EmulatorProcess {
  public static final String HOW_TO_INSTALL = "MiniStack is not installed: python3 -m venv ~/.cache/devenv-ci/venv"
      + " && ~/.cache/devenv-ci/venv/bin/pip install ministack (or set DEVENV_MINISTACK to its executable)";

  private boolean persistent;

  public MiniStackProcess() {
    super(Emulator.MINISTACK);
  }

  /** Keeps state across restarts in {@code dir} (MiniStack's PERSIST_STATE and S3_PERSIST). */
  @Override
  public MiniStackProcess withPersistence(Path dir) {
    environment.put("PERSIST_STATE", "1");
    environment.put("STATE_DIR", dir.resolve("state").toString());
    environment.put("S3_PERSIST", "1");
    environment.put("S3_DATA_DIR", dir.resolve("s3").toString());
    persistent = true;
    return this;
  }

  @Override
  public boolean keepsStateAcrossRestarts() {
    return persistent;
  }

  /** Where the executable is looked for, in order; empty when it is nowhere. */
  public static Optional<Path> executable() {
    Path venv = Path.of(System.getProperty("user.home"), ".cache", "devenv-ci", "venv", "bin", "ministack");
    Optional<Path> found = configuredOr(List.of("DEVENV_MINISTACK", "DEVENV_TEST_MINISTACK_BIN"), venv);
    if (found.isPresent() || System.getenv("DEVENV_MINISTACK") != null || System.getenv("DEVENV_TEST_MINISTACK_BIN") != null) {
      return found;
    }
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    return Stream.of(path.split(java.io.File.pathSeparator))
        .filter(dir -> !dir.isEmpty())
        .map(dir -> Path.of(dir, "ministack"))
        .filter(Files::isExecutable)
        .findFirst();
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
    env.put("BIND_HOST", "127.0.0.1");
    env.put("GATEWAY_PORT", Integer.toString(port));
    // MiniStack writes its pid file to the temp dir; keep it apart from other instances.
    env.put("TMPDIR", workDir.toString());
    env.put("LOG_LEVEL", "WARNING");
  }

  @Override
  protected String healthPath() {
    return "/_ministack/health";
  }
}
