package io.devenv.engine;

import io.devenv.environment.Environment;
import io.devenv.profile.Profile;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Where a profile's emulator and cluster run. One implementation per engine, chosen in
 * {@link Engines#create}; the lifecycle layer holds the project lock around every call that changes
 * something, so implementations take none.
 */
public interface Engine {

  EngineKind kind();

  /**
   * Starts what the profile needs, or finds it running, and returns how to reach it.
   *
   * @throws io.devenv.core.DevenvException exit 2 for a profile the engine cannot run, 1 for a
   *     start that failed, 130 when interrupted
   */
  Environment start(Profile profile, EngineOptions options);

  /**
   * Begins {@link #start}, returning once the parts are under way: the emulator can be used as soon
   * as it answers, while the cluster still boots. An engine whose start is quick does it all here.
   *
   * @throws io.devenv.core.DevenvException what {@link #start} throws before anything starts
   *     (a profile the engine cannot run, a missing image, a taken port)
   */
  default EngineStart begin(Profile profile, EngineOptions options) {
    return EngineStart.finished(start(profile, options));
  }

  /**
   * How to reach what already runs for the profile, starting nothing.
   *
   * @throws io.devenv.core.DevenvException when it is not running, saying to run devenv up
   */
  Environment attach(Profile profile, Path projectDir);

  /** What runs for the profile, and where. */
  Status status(Profile profile, Path projectDir);

  /**
   * Streams the log of one part ({@code aws} or {@code k3s}), line by line.
   *
   * @param tail how many past lines to show; negative for all
   * @param follow keep streaming until the part stops or the thread is interrupted
   */
  void logs(Path projectDir, String profileName, String role, int tail, boolean follow, Consumer<String> lines);

  /**
   * Removes what the engine started for a profile (every profile of the project when
   * {@code profileName} is null), and with {@code volumes} its state too.
   */
  DownReport down(Path projectDir, String profileName, boolean volumes);

  /** Whether the engine started what it runs, so that stopping the foreground {@code up} removes it. */
  boolean ownsEnvironment();
}
