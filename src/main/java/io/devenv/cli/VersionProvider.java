package io.devenv.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar's manifest, "dev" when run from classes. */
public final class VersionProvider implements IVersionProvider {
  /** This devenv's version, "dev" when run from classes. */
  public static String version() {
    String version = VersionProvider.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }

  @Override
  public String[] getVersion() {
    return new String[] {"devenv " + version(),
        "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
  }
}
