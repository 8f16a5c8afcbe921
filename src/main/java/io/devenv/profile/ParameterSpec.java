package io.devenv.profile;

import java.nio.file.Path;

@Doc("An SSM parameter: give `value` or `file`, not both.")
public record ParameterSpec(
    Origin origin,
    @Doc("The parameter name: a path such as `/app/key` (letters, digits, `_.-/`), at most 15 levels.")
        @Required
        String name,
    @Doc("The value.") String value,
    @Doc("A text file whose content is the value.") @Exists(Exists.Kind.FILE) Path file,
    @Doc("The parameter type.") @Default("String") Type type) {

  /** SSM parameter types. */
  public enum Type {
    String, StringList, SecureString
  }
}
