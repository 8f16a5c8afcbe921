package io.devenv.profile.terraform;

import io.devenv.profile.Origin;

/** A Terraform resource, data source or module devenv does not create, and where it is declared. */
public record NotEmulated(String address, Origin origin) {

  /** "aws_iam_role.thumbnailer (main.tf:42)". */
  @Override
  public String toString() {
    String file = origin.file() == null ? "?" : origin.file().getFileName().toString();
    return address + " (" + file + ":" + origin.line() + ")";
  }
}
