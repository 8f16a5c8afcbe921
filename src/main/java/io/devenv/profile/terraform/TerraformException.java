package io.devenv.profile.terraform;

import io.devenv.profile.Origin;

/** Terraform that devenv cannot read or evaluate, located at the file, line and column responsible. */
public final class TerraformException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Origin origin;

  public TerraformException(Origin origin, String message) {
    super(message);
    this.origin = origin;
  }

  public Origin origin() {
    return origin;
  }

  @Override
  public String toString() {
    return origin + ": " + getMessage();
  }
}
