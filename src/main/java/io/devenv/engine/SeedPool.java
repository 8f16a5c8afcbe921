package io.devenv.engine;

import io.devenv.core.DevenvException;
import io.devenv.profile.Profile;
import java.util.Map;

/**
 * How many seed requests devenv keeps in flight against a profile's emulator: its preset's best
 * (an emulator past its best point gets slower, not faster), or {@value #VARIABLE} when set.
 */
public final class SeedPool {
  /** Overrides the preset's size, e.g. for an emulator on a bigger machine. */
  public static final String VARIABLE = "DEVENV_SEED_REQUESTS";
  /** The size for emulators not measured yet: what every emulator had before sizes were per preset. */
  static final int UNMEASURED = 32;
  private static final int MOST = 256;

  private SeedPool() {}

  /**
   * @throws DevenvException exit 2 when {@value #VARIABLE} is not a whole number from 1 to 256
   */
  public static int size(Profile profile, Map<String, String> environment) {
    String set = environment.get(VARIABLE);
    if (set != null && !set.isBlank()) {
      try {
        int n = Integer.parseInt(set.strip());
        if (n >= 1 && n <= MOST) {
          return n;
        }
      } catch (NumberFormatException notANumber) {
        // said below
      }
      throw DevenvException.invalid(VARIABLE + "=" + set + " is not a number of requests from 1 to " + MOST
          + ": unset it to use the " + EmulatorPreset.of(profile.aws()).name() + " preset's "
          + EmulatorPreset.of(profile.aws()).seedRequests());
    }
    return EmulatorPreset.of(profile.aws()).seedRequests();
  }
}
