package io.devenv.aws;

import io.devenv.profile.ParameterSpec;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterType;
import software.amazon.awssdk.services.ssm.model.Tag;

/**
 * Creates an SSM parameter with its type, value and tag. An existing parameter whose value or
 * type differs is drift and is kept ({@link #replace} is for {@code --reset}).
 */
public record ParameterProvisioner(AwsClients aws, String profileName) {

  ResourceResult ensure(ParameterSpec spec) {
    return ensure(spec, false);
  }

  /** @param empty the emulator is known to hold nothing yet: create without asking first ({@link AwsProvisioner#onEmptyEmulator}) */
  ResourceResult ensure(ParameterSpec spec, boolean empty) {
    Change change = new Change("parameter", spec.name());
    String value = DeclaredValue.text(spec.value(), spec.file(), spec.origin(), "parameter " + spec.name());
    if (empty && AwsErrors.unlessThere(() -> create(spec, value)) != null) {
      change.created();
      return change.result();
    }
    Parameter current = current(spec.name());
    if (current == null) {
      create(spec, value);
      change.created();
    } else {
      if (!type(spec).toString().equals(current.typeAsString())) {
        change.drift("type", current.typeAsString(), type(spec));
      }
      if (!value.equals(current.value())) {
        change.drift("value differs from the profile (kept; `devenv seed --reset` replaces it)");
      }
    }
    return change.result();
  }

  /** Without overwrite: a parameter that exists is refused, never replaced. */
  private Object create(ParameterSpec spec, String value) {
    return aws.ssm().putParameter(r -> r.name(spec.name()).value(value).type(type(spec))
        .tags(Tag.builder().key(Tags.PROFILE).value(profileName).build()));
  }

  /** Sets the declared value and type whatever the parameter holds; returns whether it changed. */
  public boolean replace(ParameterSpec spec) {
    String value = DeclaredValue.text(spec.value(), spec.file(), spec.origin(), "parameter " + spec.name());
    Parameter current = current(spec.name());
    if (current != null && value.equals(current.value()) && type(spec).toString().equals(current.typeAsString())) {
      return false;
    }
    aws.ssm().putParameter(r -> r.name(spec.name()).value(value).type(type(spec)).overwrite(true));
    return true;
  }

  private Parameter current(String name) {
    try {
      return aws.ssm().getParameter(r -> r.name(name).withDecryption(true)).parameter();
    } catch (ParameterNotFoundException e) {
      return null;
    }
  }

  private static ParameterType type(ParameterSpec spec) {
    return spec.type() == null ? ParameterType.STRING : ParameterType.fromValue(spec.type().name());
  }
}
