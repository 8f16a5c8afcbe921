package io.devenv.environment;

import io.devenv.core.DevenvException;
import java.net.URI;

/** Child process for {@link AwsEndpointGuardTest}: checks one endpoint under a hosts file of the test's own. */
public final class GuardProbe {
  private GuardProbe() {}

  public static void main(String[] args) {
    try {
      System.out.println("ok " + AwsEndpointGuard.checked(URI.create(args[0]), false));
    } catch (DevenvException e) {
      System.out.println("refused " + e.getMessage());
    }
  }
}
