package io.devenv.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar's manifest, "dev" when run from classes. */
public final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = VersionProvider.class.getPackage().getImplementationVersion();
    return new String[] {"devenv " + (version == null ? "dev" : version),
        "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
  }
}
