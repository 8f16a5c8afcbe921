package io.devenv.engine;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Ports;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;

/**
 * What every devenv container gets on top of its own configuration: a name, devenv's labels,
 * ports published on 127.0.0.1 only, the environment's network, and a life beyond this JVM.
 */
final class ContainerSetup {
  static final String LOOPBACK = "127.0.0.1";

  private ContainerSetup() {}

  /**
   * The container's image must be in the local Docker daemon already ({@link ImagePull}).
   *
   * @param ports container port to host port; host port 0 picks a free one
   * @param cancelled checked just before the container is created, so a cancelled start makes no
   *     new container
   */
  static void apply(GenericContainer<?> container, String name, Map<String, String> labels,
      Map<Integer, Integer> ports, Network network, String alias, BooleanSupplier cancelled) {
    container.withNetwork(network).withNetworkAliases(alias);
    // The engine made sure the image is here (ImagePull) before any start: Testcontainers need not
    // list and inspect the local images again on the way to docker create.
    container.withImagePullPolicy(image -> false);
    container.withCreateContainerCmdModifier(cmd -> {
      if (cancelled.getAsBoolean()) {
        throw new CancellationException("start of " + name + " cancelled before it was created");
      }
      cmd.withName(name);
      SurvivingLabels all = new SurvivingLabels();
      all.putAll(cmd.getLabels() == null ? Map.of() : cmd.getLabels());
      all.putAll(labels);
      cmd.withLabels(all);
      publishOnLoopback(cmd, ports);
    });
  }

  /**
   * Publishes exactly the given ports on 127.0.0.1 and nothing else: Docker's "publish all" would
   * also publish every port the image declares, on every interface.
   */
  static void publishOnLoopback(CreateContainerCmd cmd, Map<Integer, Integer> ports) {
    Ports bindings = new Ports();
    ports.forEach((inside, host) -> bindings.bind(ExposedPort.tcp(inside),
        host == null || host == 0 ? Ports.Binding.bindIp(LOOPBACK) : Ports.Binding.bindIpAndPort(LOOPBACK, host)));
    cmd.getHostConfig().withPortBindings(bindings).withPublishAllPorts(false);
  }

  /**
   * Labels that refuse Testcontainers' session label. Testcontainers adds it after our modifier
   * runs, and without Ryuk it removes every container carrying it when the JVM exits; devenv's
   * containers must outlive the process that started them ({@code up --detach}, reuse by a later
   * {@code up}), and devenv removes them itself by its own labels.
   */
  static final class SurvivingLabels extends HashMap<String, String> {
    private static final long serialVersionUID = 1L;

    @Override
    public String put(String key, String value) {
      return DockerClientFactory.TESTCONTAINERS_SESSION_ID_LABEL.equals(key) ? null : super.put(key, value);
    }

    @Override
    public void putAll(Map<? extends String, ? extends String> m) {
      m.forEach(this::put);
    }
  }
}
