package io.devenv.doctor;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Info;
import io.devenv.engine.DockerAccess;
import io.devenv.profile.Profile;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the checks look at: the profile (or none: then devenv's defaults), the environment, and
 * Docker, asked once and shared.
 */
public final class DoctorContext {
  private final Profile profile;
  private final int awsHostPort;
  private final Map<String, String> environment;
  private final Supplier<DockerClient> dockerSupplier;
  private DockerClient docker;
  private RuntimeException dockerFailure;
  private Info info;

  /**
   * @param profile the profile to check for, or null for devenv's defaults
   * @param awsHostPort a fixed host port asked for the emulator, or 0
   * @param dockerSupplier gives the client or throws when Docker is not reachable
   */
  public DoctorContext(Profile profile, int awsHostPort, Map<String, String> environment, Supplier<DockerClient> dockerSupplier) {
    this.profile = profile;
    this.awsHostPort = awsHostPort;
    this.environment = Map.copyOf(environment);
    this.dockerSupplier = dockerSupplier;
  }

  /** For the profile (or none), on the Docker Testcontainers finds, with the process environment. */
  public static DoctorContext of(Profile profile, int awsHostPort) {
    return new DoctorContext(profile, awsHostPort, System.getenv(), DockerAccess::client);
  }

  public Optional<Profile> profile() {
    return Optional.ofNullable(profile);
  }

  public int awsHostPort() {
    return awsHostPort;
  }

  public Map<String, String> environment() {
    return environment;
  }

  /** The Docker client, or empty when Docker is not reachable (see {@link #dockerFailure()}). */
  public synchronized Optional<DockerClient> docker() {
    if (docker == null && dockerFailure == null) {
      try {
        docker = dockerSupplier.get();
      } catch (RuntimeException e) {
        dockerFailure = e;
      }
    }
    return Optional.ofNullable(docker);
  }

  public synchronized RuntimeException dockerFailure() {
    docker();
    return dockerFailure;
  }

  /** {@code docker info}, asked once; empty when Docker is not reachable. */
  public synchronized Optional<Info> dockerInfo() {
    if (info == null) {
      docker().ifPresent(d -> {
        try {
          info = d.infoCmd().exec();
        } catch (RuntimeException e) {
          dockerFailure = e;
        }
      });
    }
    return Optional.ofNullable(info);
  }

  /** Whether the profile runs k3s (true without a profile: the default does). */
  public boolean wantsKubernetes() {
    return profile == null || profile.kubernetes().enabled();
  }

  /** Whether the profile runs an emulator (true without a profile). */
  public boolean wantsAws() {
    return profile == null || profile.needsAws();
  }
}
