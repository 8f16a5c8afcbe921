package io.devenv.engine;

import io.devenv.core.Progress;
import io.devenv.environment.AwsAccess;
import io.devenv.environment.ClusterAccess;
import io.devenv.environment.Environment;
import io.devenv.profile.Profile;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * The start of an environment that already runs as the profile asks: one labelled container list,
 * an inspect and a health probe per container, and nothing else. It pulls, creates and removes
 * nothing: whenever anything must change (a container missing, stopped, of other settings, not
 * answering, a leftover to remove, an image to pull), it answers empty and
 * {@link EnvironmentStarter} does the work, as it always did.
 *
 * <p>It reads through {@link DockerReads}, so {@code up} can run it before (and, when everything is
 * reused, instead of) Testcontainers' discovery, and without docker-java's model mapping.
 */
final class ReuseLookup {
  private final DockerReads docker;
  private final Progress progress;

  ReuseLookup(DockerReads docker, Progress progress) {
    this.docker = docker;
    this.progress = progress;
  }

  /**
   * The environment, when every container the profile needs runs as it should; the same checks as
   * {@link DockerEngine#start} make first (preset, the services the emulator's image declares it
   * lacks, read from the running container's labels, which carry its image's; the cluster's images).
   *
   * @throws io.devenv.core.DevenvException for a profile the engine cannot run, as start would
   * @throws IOException when Docker does not answer as expected (then the full path connects and reports)
   */
  Optional<Environment> find(Profile profile, EngineOptions options) throws IOException {
    boolean wantAws = profile.needsAws();
    boolean wantK3s = profile.kubernetes().enabled();
    if (!wantAws && !wantK3s) {
      return Optional.empty();
    }
    EmulatorPreset.check(profile, options.environment());
    if (wantK3s) {
      K3sImages.requirePresent(docker.client(), profile.kubernetes().images());
    }
    EmulatorSettings emulator = wantAws ? EmulatorSettings.of(profile, options.environment()) : null;
    String k3sImage = EnvironmentStarter.k3sImage(profile);
    // No image is asked about: a container that runs needs no pull, and when there is none the full
    // path checks the image (its presence, the services it declares it lacks) before it starts one.
    EnvironmentId id = new EnvironmentId(options.projectDir(), profile.name());
    String network = id.baseName();
    ContainerSummary aws = null;
    ContainerSummary k3s = null;
    for (ContainerSummary c : docker.containers(id.labelFilter())) {
      String role = c.role();
      if (wantAws && aws == null && role.equals(EnvironmentStarter.AWS)) {
        aws = c;
      } else if (wantK3s && k3s == null && role.equals(EnvironmentStarter.K3S)) {
        k3s = c;
      } else {
        return Optional.empty(); // a duplicate or a role the profile no longer has: the full path removes it
      }
    }
    if ((wantAws && (aws == null || !aws.reusable(emulator.configHash(), network)))
        || (wantK3s && (k3s == null || !k3s.reusable(EnvironmentStarter.k3sHash(k3sImage), network)))) {
      return Optional.empty();
    }
    AwsAccess awsAccess = null;
    if (wantAws) {
      Optional<ContainerDetails> found = docker.inspect(aws.id());
      if (found.isEmpty()) {
        return Optional.empty(); // removed since the list: the full path starts it again
      }
      ContainerDetails info = found.get();
      ImageServices.requireServed(profile, emulator.image(), info.labels());
      awsAccess = DockerObjects.awsAccess(info, profile, network);
      boolean portAsAsked = options.awsHostPort() <= 0 || awsAccess.endpoint().getPort() == options.awsHostPort();
      if (!portAsAsked || !HealthProbe.once(awsAccess.endpoint(), emulator.probePath()).equals("healthy")) {
        return Optional.empty(); // the full path waits for it a while, or replaces it
      }
    }
    ClusterAccess cluster = null;
    if (wantK3s) {
      Optional<ContainerDetails> info = docker.inspect(k3s.id());
      if (info.isEmpty()) {
        return Optional.empty();
      }
      cluster = new ClusterAccess(K3sCluster.kubeconfig(docker.client(), k3s.id(), info.get().hostPort(K3sCluster.API_PORT)),
          null);
    }
    // Reported as the full path reports a reuse.
    if (wantAws) {
      progress.start(EngineSteps.emulator(emulator.preset(), List.of()).name())
          .done("reused " + id.containerName(EnvironmentStarter.AWS) + " at " + awsAccess.endpoint());
    }
    if (wantK3s) {
      progress.start(EngineSteps.k3s(List.of()).name()).done("reused " + id.containerName(EnvironmentStarter.K3S));
      if (!profile.kubernetes().images().isEmpty()) {
        EnvironmentStarter.importImages(docker.client(), options, k3s.id(), profile.kubernetes().images());
      }
    }
    return Optional.of(new Environment(profile, awsAccess, cluster));
  }
}
