package io.devenv.aws;

/** The tag devenv puts on every resource it creates, where the service supports tags. */
public final class Tags {
  /** Its value is the profile's name. */
  public static final String PROFILE = "devenv:profile";

  private Tags() {}
}
