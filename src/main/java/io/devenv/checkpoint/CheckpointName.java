package io.devenv.checkpoint;

import io.devenv.core.DevenvException;
import java.util.regex.Pattern;

/**
 * A checkpoint's name: one directory under {@code .devenv/checkpoints/}, so letters, digits and
 * {@code ._-}, starting with a letter or digit: no separator, no {@code ..}, nothing hidden.
 */
public record CheckpointName(String value) {
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  public CheckpointName {
    if (value == null || !VALID.matcher(value).matches() || value.contains("..")) {
      throw DevenvException.invalid("checkpoint name '" + value + "' is not valid: use 1-64 letters, digits, '.', '_' or '-',"
          + " starting with a letter or digit (e.g. after-signup)");
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
