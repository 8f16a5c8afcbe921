package io.devenv.profile;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A path (or list of paths) that must exist when the profile is loaded. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Exists {
  Kind value();

  /** What the path must be. */
  enum Kind {
    FILE("a file"),
    DIRECTORY("a directory"),
    FILE_OR_DIRECTORY("a file or a directory");

    private final String description;

    Kind(String description) {
      this.description = description;
    }

    public String description() {
      return description;
    }
  }
}
