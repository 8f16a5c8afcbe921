package io.devenv.profile.terraform;

/**
 * A value devenv cannot know: an attribute of a resource or data source it does not emulate.
 * It spreads through every expression that uses it; an argument devenv reads may not be one.
 */
record Unknown(String what) {

  @Override
  public String toString() {
    return "(unknown: " + what + ")";
  }
}
