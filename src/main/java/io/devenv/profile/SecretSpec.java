package io.devenv.profile;

import java.nio.file.Path;

@Doc("A Secrets Manager secret: give `value` or `file`, not both.")
public record SecretSpec(
    Origin origin,
    @Doc("The secret name (1-512 characters: letters, digits, `/_+=.@-`).") @Required String name,
    @Doc("The secret string; a map is stored as JSON.") Object value,
    @Doc("A file whose content is the secret (text as a string, otherwise binary).") @Exists(Exists.Kind.FILE) Path file) {}
