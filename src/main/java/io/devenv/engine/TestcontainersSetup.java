package io.devenv.engine;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.dockerclient.DockerClientProviderStrategy;
import org.testcontainers.utility.ResourceReaper;

/**
 * Makes Testcontainers pull no image that a profile did not name, in devenv's own process.
 *
 * <p>Left alone, Testcontainers 2.0 pulls two images of its own: {@code testcontainers/ryuk} (its
 * reaper, unless {@code TESTCONTAINERS_RYUK_DISABLED}) and, where {@code /.dockerenv} exists and
 * {@code TESTCONTAINERS_HOST_OVERRIDE} is not set, {@code alpine:3.17} to find the gateway it
 * would reach containers by. Where no registry answers, each is two minutes of retries. devenv
 * needs neither: its containers outlive the JVM by design (no reaper) and publish on 127.0.0.1,
 * which it connects to itself. Testcontainers 2.0.3 reads both settings only from environment
 * variables, which a running JVM cannot set, so this sets the two cached values Testcontainers
 * would compute, before it computes them.
 *
 * <p>Called by the command line only: in a JUnit user's JVM Testcontainers keeps its own
 * behaviour for the user's own containers.
 */
public final class TestcontainersSetup {
  /** Made on first use: the command line marks its process before it parses, and SLF4J's start need not come first. */
  private static final class Log {
    static final Logger LOG = LoggerFactory.getLogger(TestcontainersSetup.class);
  }

  private static boolean enabled;
  private static boolean applied;

  private TestcontainersSetup() {}

  /** Marks this JVM as devenv's own process; applied when devenv first asks for Docker. */
  public static synchronized void forThisProcess() {
    enabled = true;
  }

  /** Called by {@link DockerAccess} before any Docker client is made. Never fails; logs at debug. */
  static synchronized void beforeFirstClient() {
    if (!enabled || applied) {
      return;
    }
    applied = true;
    if (!Boolean.parseBoolean(System.getenv("TESTCONTAINERS_RYUK_DISABLED"))) {
      withoutReaperContainer();
    }
    String override = System.getenv("TESTCONTAINERS_HOST_OVERRIDE");
    if (override == null || override.isBlank()) {
      knownHost();
    }
  }

  /** Testcontainers' own choice when Ryuk is disabled: a JVM shutdown hook instead of a container. */
  private static void withoutReaperContainer() {
    try {
      Class<?> hook = Class.forName("org.testcontainers.utility.JVMHookResourceReaper");
      Constructor<?> make = hook.getDeclaredConstructor();
      make.setAccessible(true);
      Field instance = ResourceReaper.class.getDeclaredField("instance");
      instance.setAccessible(true);
      synchronized (ResourceReaper.class) {
        if (instance.get(null) == null) {
          instance.set(null, make.newInstance());
        }
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      Log.LOG.debug("could not keep Testcontainers from starting its reaper container", e);
    }
  }

  /**
   * The Docker host address Testcontainers reports for a local socket: 127.0.0.1, where devenv
   * publishes every port. Chooses the Docker strategy (it only pings Docker), then sets the address
   * it caches, so it never runs a container to guess the gateway.
   */
  private static void knownHost() {
    try {
      URI host = DockerClientFactory.instance().getTransportConfig().getDockerHost();
      if (!"unix".equals(host.getScheme()) && !"npipe".equals(host.getScheme())) {
        return; // a tcp:// host is used as given, without a container
      }
      Field chosen = DockerClientFactory.class.getDeclaredField("strategy");
      chosen.setAccessible(true);
      Object strategy = chosen.get(DockerClientFactory.instance());
      Field address = DockerClientProviderStrategy.class.getDeclaredField("dockerHostIpAddress");
      address.setAccessible(true);
      synchronized (strategy) {
        if (address.get(strategy) == null) {
          address.set(strategy, ContainerSetup.LOOPBACK);
        }
      }
    } catch (IllegalStateException e) {
      Log.LOG.debug("no Docker found; devenv reports that where it needs Docker", e);
    } catch (ReflectiveOperationException | RuntimeException e) {
      Log.LOG.debug("could not tell Testcontainers the Docker host address", e);
    }
  }
}
