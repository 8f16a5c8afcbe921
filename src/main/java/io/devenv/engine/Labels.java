package io.devenv.engine;

/**
 * The labels devenv puts on its containers, network and volumes. They are how a later process
 * finds what an earlier one started, and how {@code devenv down} finds what to remove.
 */
public final class Labels {
  /** A hash of the project directory: the same checkout always maps to the same environment. */
  public static final String PROJECT = "io.devenv.project";
  /** The project directory in full, for people reading {@code docker ps}. */
  public static final String PROJECT_DIR = "io.devenv.project-dir";
  /** The profile name. */
  public static final String PROFILE = "io.devenv.profile";
  /** A hash of the settings that shape the container; a different hash means recreate it. */
  public static final String CONFIG_HASH = "io.devenv.config-hash";
  /** What the container is: {@code aws} or {@code k3s}. */
  public static final String ROLE = "io.devenv.role";
  /** The call that created it, so an interrupted start removes exactly what it made. */
  public static final String CREATED_BY = "io.devenv.created-by";
  /** The emulator's health path, so {@code devenv status} can probe it without the profile. */
  public static final String HEALTH_PATH = "io.devenv.health-path";
  /** The port inside the container that clients use. */
  public static final String SERVICE_PORT = "io.devenv.port";
  /** The preset name ({@code localstack}, {@code ministack}, ...). */
  public static final String PRESET = "io.devenv.preset";

  private Labels() {}
}
