package io.devenv.aws;

import io.devenv.profile.SecretSpec;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.Tag;

/**
 * Creates a Secrets Manager secret with its value and tag. An existing secret whose value differs
 * is drift and is kept: it may hold a value a developer set on purpose ({@link #replace} is for
 * {@code --reset}).
 */
public record SecretProvisioner(AwsClients aws, String profileName) {

  ResourceResult ensure(SecretSpec spec) {
    return ensure(spec, false);
  }

  /** @param empty the emulator is known to hold nothing yet: create without asking first ({@link AwsProvisioner#onEmptyEmulator}) */
  ResourceResult ensure(SecretSpec spec, boolean empty) {
    Change change = new Change("secret", spec.name());
    DeclaredValue value = DeclaredValue.of(spec.value(), spec.file(), spec.origin(), "secret " + spec.name());
    if (empty && AwsErrors.unlessThere(() -> create(spec, value)) != null) {
      change.created();
      return change.result();
    }
    GetSecretValueResponse current;
    try {
      current = aws.secrets().getSecretValue(r -> r.secretId(spec.name()));
    } catch (ResourceNotFoundException e) {
      current = null;
    }
    if (current == null) {
      create(spec, value);
      change.created();
    } else if (!value.sameAs(current.secretString(),
        current.secretBinary() == null ? null : current.secretBinary().asByteBuffer())) {
      change.drift("value differs from the profile (kept; `devenv seed --reset` replaces it)");
    }
    return change.result();
  }

  private Object create(SecretSpec spec, DeclaredValue value) {
    return aws.secrets().createSecret(r -> {
      r.name(spec.name()).tags(Tag.builder().key(Tags.PROFILE).value(profileName).build());
      if (value.isText()) {
        r.secretString(value.text());
      } else {
        r.secretBinary(SdkBytes.fromByteArray(value.binary()));
      }
    });
  }

  /** Sets the declared value whatever the secret holds; returns whether it changed. */
  public boolean replace(SecretSpec spec) {
    DeclaredValue value = DeclaredValue.of(spec.value(), spec.file(), spec.origin(), "secret " + spec.name());
    GetSecretValueResponse current = aws.secrets().getSecretValue(r -> r.secretId(spec.name()));
    if (value.sameAs(current.secretString(), current.secretBinary() == null ? null : current.secretBinary().asByteBuffer())) {
      return false;
    }
    aws.secrets().putSecretValue(r -> {
      r.secretId(spec.name());
      if (value.isText()) {
        r.secretString(value.text());
      } else {
        r.secretBinary(SdkBytes.fromByteArray(value.binary()));
      }
    });
    return true;
  }
}
