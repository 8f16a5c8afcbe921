package io.devenv.engine;

import io.devenv.environment.AwsAccess;
import io.devenv.environment.Environment;

/**
 * An engine start under way ({@link Engine#begin}): the emulator and the cluster come up at once,
 * and each can be waited for on its own, so that AWS work begins while the cluster still boots.
 *
 * <p>Whoever begins a start ends it: by {@link #environment()} returning, or by {@link #abandon()}.
 * A failure of one part (its exception is thrown by the wait that meets it) abandons the start.
 */
public interface EngineStart {

  /**
   * How to reach the emulator, once it answers. Waits for it, not for the cluster.
   *
   * @return null when the profile has no AWS part
   * @throws io.devenv.core.DevenvException the emulator's start failure (what this start created is
   *     removed, unless kept), or 130 when interrupted
   */
  AwsAccess aws();

  /**
   * The environment, once every part is ready (the cluster's images imported).
   *
   * @throws io.devenv.core.DevenvException as {@link #aws()}, for any part
   */
  Environment environment();

  /**
   * Whether this start created the emulator empty (a new container, with no state volume kept from
   * before, or of an emulator that does not load one: {@link EmulatorPreset#restoresState}): then
   * nothing recorded in it, such as a convergence stamp, can be there to read.
   */
  boolean emulatorEmpty();

  /** Whether every part is ready now, so that {@link #environment()} would not wait. */
  boolean ready();

  /**
   * Runs {@code listener} once, on whichever thread sees it, when a part of this start fails by
   * itself (not when it is abandoned): so that work overlapping the start can be stopped.
   */
  void onFailure(Runnable listener);

  /**
   * Stops the parts still starting and removes, unless kept ({@code --keep}), what this start
   * created: all of it once a part has failed (as a failed start always did), otherwise only the
   * parts that had not finished (a ready emulator stays, as after any later step's failure).
   * Does nothing once {@link #environment()} has returned. Safe to call more than once.
   */
  void abandon();

  /** A start that is already over: what {@link Engine#start} returned. */
  static EngineStart finished(Environment environment) {
    return new EngineStart() {
      @Override
      public AwsAccess aws() {
        return environment.aws();
      }

      @Override
      public Environment environment() {
        return environment;
      }

      @Override
      public boolean emulatorEmpty() {
        return false;
      }

      @Override
      public boolean ready() {
        return true;
      }

      @Override
      public void onFailure(Runnable listener) {}

      @Override
      public void abandon() {}
    };
  }
}
