package io.devenv.engine;

import com.github.dockerjava.api.DockerClient;
import io.devenv.core.DevenvException;
import io.fabric8.kubernetes.api.model.Config;
import io.fabric8.kubernetes.api.model.NamedCluster;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.function.Consumer;
import org.testcontainers.containers.output.OutputFrame;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;

/** The k3s container: Testcontainers' k3s module with a pinned tag (its traefik disabled). */
public final class K3sCluster {
  /** The k3s image used when a profile names none. */
  public static final String DEFAULT_IMAGE = "rancher/k3s:v1.33.5-k3s1";
  /** The Kubernetes API port inside the container. */
  public static final int API_PORT = 6443;

  private static final String KUBECONFIG_IN_CONTAINER = "/etc/rancher/k3s/k3s.yaml";

  private K3sCluster() {}

  /** A k3s container for the image (the pinned one when null), not started. */
  public static K3sContainer create(String image) {
    DockerImageName name = DockerImageName.parse(image == null ? DEFAULT_IMAGE : image);
    if (!name.getUnversionedPart().equals("rancher/k3s")) {
      name = name.asCompatibleSubstituteFor("rancher/k3s"); // a mirror or a local build
    }
    // K3sContainer runs privileged, mounts the cgroup tree and starts k3s with --disable=traefik.
    return new LoopbackK3s(name);
  }

  /**
   * Testcontainers' k3s module, reached on 127.0.0.1 like every devenv container: its API
   * certificate then names 127.0.0.1 ({@code --tls-san}), and Testcontainers needs no guess of the
   * Docker host (which, on a machine that is itself a container, pulls an image).
   */
  static final class LoopbackK3s extends K3sContainer {
    LoopbackK3s(DockerImageName image) {
      super(image);
    }

    @Override
    public String getHost() {
      return ContainerSetup.LOOPBACK;
    }

    /** A log tail is followed so that the start can stop it ({@link LogTail}). */
    @Override
    public void followOutput(Consumer<OutputFrame> consumer) {
      LogTail.follow(getDockerClient(), getContainerId(), consumer);
    }
  }

  /**
   * The kubeconfig of a running k3s container, pointing at its API port as published on this
   * machine. Read from the container itself, so it works for a container another process started.
   */
  public static String kubeconfig(DockerClient docker, String containerId, int hostPort) {
    DockerExec.Result cat = DockerExec.run(docker, containerId, Duration.ofSeconds(30), "cat", KUBECONFIG_IN_CONTAINER);
    if (!cat.ok() || cat.stdout().isBlank()) {
      throw DevenvException.failure("Could not read the kubeconfig " + KUBECONFIG_IN_CONTAINER
          + " from the k3s container: " + cat.stderr().strip(), null);
    }
    return withServer(cat.stdout(), "https://" + ContainerSetup.LOOPBACK + ":" + hostPort);
  }

  /** The kubeconfig with every cluster's server replaced. */
  static String withServer(String kubeconfig, String server) {
    Config config = KubeConfigUtils.parseConfigFromString(kubeconfig);
    for (NamedCluster cluster : config.getClusters()) {
      cluster.getCluster().setServer(server);
    }
    return Serialization.asYaml(config);
  }
}
