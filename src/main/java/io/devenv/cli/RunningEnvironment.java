package io.devenv.cli;

import io.devenv.engine.DockerEngine;
import io.devenv.engine.Environment;
import io.devenv.engine.ExternalEngine;
import io.devenv.lifecycle.UpOptions;
import io.devenv.profile.Profile;

/** The environment a command works on: found by its labels in Docker, or the external endpoints. */
final class RunningEnvironment {
  private RunningEnvironment() {}

  static Environment of(Context context, EngineMixin engine, Profile profile) {
    UpOptions options = engine.options(context);
    return options.engine() == UpOptions.Engine.EXTERNAL
        ? new ExternalEngine(options.environment()).connect(profile, options.external())
        : DockerEngine.connect().attach(profile, context.projectDir());
  }
}
