package io.devenv.engine;

import io.devenv.environment.Environment;
import io.devenv.environment.ClusterAccess;
import io.devenv.environment.AwsAccess;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Volume;
import io.devenv.core.DevenvException;
import io.devenv.core.ExitCode;
import io.devenv.core.Progress;
import io.devenv.profile.Profile;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.k3s.K3sContainer;

/**
 * One {@link DockerEngine#start} call: finds the environment's containers by label, reuses those
 * whose settings hash still matches, (re)creates the others in parallel on the environment's
 * network, and on failure or interrupt removes exactly what this call created.
 */
final class EnvironmentStarter {
  static final String AWS = "aws";
  static final String K3S = "k3s";
  private static final Duration REUSE_HEALTH_WAIT = Duration.ofSeconds(5);
  private static final Duration CLEANUP_WAIT = Duration.ofSeconds(3);

  /** A container this call reused or started, and what the caller reaches it with. */
  record Started<T>(String containerId, T access) {}

  /** How the cluster part is started: k3s here; a stand-in in tests, as no k3s image can be had everywhere. */
  interface ClusterPart {
    Started<ClusterAccess> start(String image, Container existing, String network);
  }

  private final DockerClient docker;
  private final EnvironmentId id;
  private final Profile profile;
  private final EngineOptions options;
  private final Progress progress;
  private final String createdBy = UUID.randomUUID().toString();
  private final AtomicBoolean cancelled = new AtomicBoolean();
  private volatile String createdNetworkId;
  /** Whether the emulator this call created starts empty: no state volume, or one made just now. */
  private volatile boolean emulatorEmpty;

  private final ClusterPart clusterPart;

  EnvironmentStarter(DockerClient docker, Profile profile, EngineOptions options) {
    this(docker, profile, options, null);
  }

  /** @param clusterPart how the cluster starts; null for k3s */
  EnvironmentStarter(DockerClient docker, Profile profile, EngineOptions options, ClusterPart clusterPart) {
    this.clusterPart = clusterPart != null ? clusterPart : this::clusterWithImages;
    this.docker = docker;
    this.profile = profile;
    this.options = options;
    this.progress = options.progress();
    this.id = new EnvironmentId(options.projectDir(), profile.name());
  }

  /**
   * Finds what runs, removes what the profile no longer has, makes the network, then starts both
   * parts on a pool of two and returns at once; see {@link EngineStart}.
   */
  EngineStart begin() {
    boolean wantAws = profile.needsAws();
    boolean wantK3s = profile.kubernetes().enabled();
    EmulatorSettings emulator = wantAws ? EmulatorSettings.of(profile, options.environment()) : null;
    String k3sImage = k3sImage(profile);
    ExecutorService pool = Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "devenv-start-" + id.baseName());
      t.setDaemon(true);
      return t;
    });
    try {
      Map<String, Container> existing = new HashMap<>();
      for (Container c : DockerObjects.containers(docker, id)) {
        String role = DockerObjects.role(c);
        boolean wanted = (role.equals(AWS) && wantAws) || (role.equals(K3S) && wantK3s);
        if (wanted && !existing.containsKey(role)) {
          existing.put(role, c);
        } else {
          DockerObjects.removeContainer(docker, c.getId()); // a role the profile no longer has, or a duplicate
        }
      }
      if (!wantAws && !wantK3s) {
        pool.shutdown();
        return EngineStart.finished(new Environment(profile, null, null));
      }
      String network = ensureNetwork();
      CompletableFuture<Started<AwsAccess>> aws = wantAws
          ? CompletableFuture.supplyAsync(() -> emulator(emulator, existing.get(AWS), network), pool)
          : CompletableFuture.completedFuture(null);
      CompletableFuture<Started<ClusterAccess>> k3s = wantK3s
          ? CompletableFuture.supplyAsync(() -> clusterPart.start(k3sImage, existing.get(K3S), network), pool)
          : CompletableFuture.completedFuture(null);
      CompletableFuture.allOf(aws, k3s).whenComplete((done, failure) -> pool.shutdown());
      return new DockerStart(profile, aws, k3s, cancelled, () -> emulatorEmpty, options.keepOnFailure(),
          roles -> stopAndRemove(pool, roles));
    } catch (RuntimeException e) {
      stopAndRemove(pool, List.of(AWS, K3S));
      throw e;
    }
  }

  private Started<ClusterAccess> clusterWithImages(String image, Container existing, String network) {
    Started<ClusterAccess> started = cluster(image, existing, network);
    if (!profile.kubernetes().images().isEmpty()) {
      importImages(started.containerId());
    }
    return started;
  }

  /**
   * Stops the parts still starting and removes, unless asked to keep them, the containers of
   * {@code roles} this call created (and its network, when that leaves nothing of it). Removes
   * first and waits after: Testcontainers' wait strategies do not stop on interrupt, but fail soon
   * once their container is gone; the cancelled flag keeps a worker from creating another one, and
   * a second sweep catches one created while the first ran.
   */
  private void stopAndRemove(ExecutorService pool, List<String> roles) {
    cancelled.set(true);
    pool.shutdownNow();
    boolean interrupted = Thread.interrupted();
    if (!options.keepOnFailure()) {
      removeCreated(roles);
    }
    try {
      pool.awaitTermination(CLEANUP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      interrupted = true;
    }
    if (!options.keepOnFailure()) {
      removeCreated(roles);
      if (createdNetworkId != null && roles.size() == 2) {
        try {
          DockerObjects.removeNetwork(docker, createdNetworkId);
        } catch (RuntimeException stillInUse) {
          // a container outside this call uses it; down removes it later
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void removeCreated(List<String> roles) {
    for (Container c : DockerObjects.containersCreatedBy(docker, createdBy)) {
      if (roles.contains(DockerObjects.role(c))) {
        DockerObjects.removeContainer(docker, c.getId());
      }
    }
  }

  /**
   * The environment's network, created unless it exists: created first, as on a cold start it does
   * not (one call instead of a list and a create); a name taken is looked up among the environment's
   * own networks, and a network of that name that is not the environment's fails as before.
   */
  private String ensureNetwork() {
    String name = id.baseName();
    Map<String, String> labels = new LinkedHashMap<>(id.labels());
    labels.put(Labels.PROJECT_DIR, id.projectDir().toString());
    labels.put(Labels.CREATED_BY, createdBy);
    try {
      // Docker before API 1.44 makes a second network of the same name unless asked to check.
      createdNetworkId = docker.createNetworkCmd().withName(name).withDriver("bridge").withLabels(labels)
          .withCheckDuplicate(true).exec().getId();
      return name;
    } catch (ConflictException taken) {
      for (var n : DockerObjects.networks(docker, id)) {
        if (n.getName().equals(name)) {
          return name;
        }
      }
      throw taken;
    }
  }

  private Started<AwsAccess> emulator(EmulatorSettings settings, Container existing, String network) {
    String name = id.containerName(AWS);
    Progress.Step step = progress.start(EngineSteps.emulator(settings.preset(), List.of()).name());
    LogTail log = new LogTail(20);
    try {
      String hash = settings.configHash();
      String replaced = "";
      if (existing != null) {
        if (reusable(existing, hash, network)) {
          Started<AwsAccess> reused = new Started<>(existing.getId(), awsAccess(existing.getId(), network));
          String health = HealthProbe.until(reused.access().endpoint(), settings.probePath(), REUSE_HEALTH_WAIT);
          if (health.equals("healthy")) {
            step.done("reused " + name + " at " + reused.access().endpoint());
            return reused;
          }
          replaced = " (the running one was " + health + ")";
        } else {
          replaced = existing.getState().equals("running") ? " (settings changed)" : " (replaced a stopped one)";
        }
        DockerObjects.removeContainer(docker, existing.getId());
      }
      PortCheck.requireFree(options.awsHostPort(), "the AWS emulator");
      beforeCreate();
      GenericContainer<?> container = EmulatorContainer.create(settings, options.startupTimeout());
      container.waitingFor(new TimedWait(EmulatorReadiness.of(settings, options.startupTimeout()), options.timings(), "AWS emulator"));
      container.withLogConsumer(log);
      Map<String, String> labels = labels(AWS, hash);
      labels.put(Labels.PRESET, settings.preset().name());
      labels.put(Labels.HEALTH_PATH, settings.healthPath());
      labels.put(Labels.SERVICE_PORT, Integer.toString(settings.port()));
      ContainerSetup.apply(container, name, labels, Map.of(settings.port(), options.awsHostPort()), new ExistingNetwork(network),
          AWS, cancelled::get);
      String stateDir = settings.preset().stateDir();
      // Empty unless it may load state a former container left in the volume.
      emulatorEmpty = stateDir == null || !settings.preset().restoresState();
      if (stateDir != null) {
        String volume = ensureVolume(AWS);
        container.withCreateContainerCmdModifier(cmd -> {
          List<Bind> binds = new ArrayList<>(Arrays.asList(cmd.getHostConfig().getBinds() == null
              ? new Bind[0] : cmd.getHostConfig().getBinds()));
          binds.add(new Bind(volume, new Volume(stateDir)));
          cmd.getHostConfig().withBinds(binds);
        });
      }
      container.start();
      String containerId = container.getContainerId();
      // Testcontainers inspected it once it ran (published ports, network address, start time): no second inspect.
      Started<AwsAccess> started = new Started<>(containerId,
          DockerObjects.awsAccess(ContainerDetails.of(container.getContainerInfo()), profile, network));
      step.done((replaced.isEmpty() ? "started " : "recreated ") + name + replaced + " at " + started.access().endpoint());
      return started;
    } catch (RuntimeException e) {
      DevenvException failure = StartFailures.translate(e, "AWS emulator " + settings.image(), options.awsHostPort(),
          log.text());
      step.failed(cancelled.get() ? "stopped: the start was abandoned (see the error below)" : failure.getMessage());
      throw failure;
    } finally {
      log.stop(); // the container runs on without this process: a followed log would delay its exit
    }
  }

  private void beforeCreate() {
    try {
      options.beforeEmulatorCreated().run();
    } catch (RuntimeException e) {
      // the caller's use of the wait; the start does not depend on it
    }
  }

  private Started<ClusterAccess> cluster(String image, Container existing, String network) {
    String name = id.containerName(K3S);
    Progress.Step step = progress.start(EngineSteps.k3s(List.of()).name());
    LogTail log = new LogTail(20);
    try {
      String hash = k3sHash(image);
      String replaced = "";
      if (existing != null) {
        if (reusable(existing, hash, network)) {
          Started<ClusterAccess> reused = new Started<>(existing.getId(), clusterAccess(existing.getId()));
          step.done("reused " + name);
          return reused;
        }
        replaced = existing.getState().equals("running") ? " (settings changed)" : " (replaced a stopped one)";
        DockerObjects.removeContainer(docker, existing.getId());
      }
      K3sContainer container = K3sCluster.create(image);
      container.withLogConsumer(log);
      container.waitingFor(new TimedWait(org.testcontainers.containers.wait.strategy.Wait
          .forLogMessage(".*Node controller sync successful.*", 1).withStartupTimeout(options.startupTimeout()),
          options.timings(), "k3s"));
      ContainerSetup.apply(container, name, labels(K3S, hash), Map.of(K3sCluster.API_PORT, 0), new ExistingNetwork(network),
          K3S, cancelled::get);
      container.start();
      String containerId = container.getContainerId();
      Started<ClusterAccess> started = new Started<>(containerId, clusterAccess(containerId));
      step.done((replaced.isEmpty() ? "started " : "recreated ") + name + replaced);
      return started;
    } catch (RuntimeException e) {
      DevenvException failure = StartFailures.translate(e, "k3s " + image, 0, log.text());
      step.failed(cancelled.get() ? "stopped: the start was abandoned (see the error below)" : failure.getMessage());
      throw failure;
    } finally {
      log.stop(); // the container runs on without this process: a followed log would delay its exit
    }
  }

  private void importImages(String k3sContainerId) {
    importImages(docker, options, k3sContainerId, profile.kubernetes().images());
  }

  /** Copies the profile's own images into k3s, reporting the step (and its time) as up does. */
  static void importImages(DockerClient docker, EngineOptions options, String k3sContainerId, List<String> images) {
    Progress.Step step = options.progress().start(EngineSteps.images(List.of()).name());
    int imported = options.timings().time("engine: local images imported into k3s",
        () -> K3sImages.importInto(docker, k3sContainerId, images));
    step.done(imported + " imported, " + (images.size() - imported) + " up to date");
  }

  static String k3sImage(Profile profile) {
    return profile.kubernetes().image() == null ? K3sCluster.DEFAULT_IMAGE : profile.kubernetes().image();
  }

  /** What shapes the k3s container: a different hash means recreate it. */
  static String k3sHash(String image) {
    return Hashes.of(Map.of("role", K3S, "image", image));
  }

  /** Running, with the settings hash asked for, on the environment's network. */
  private static boolean reusable(Container c, String hash, String network) {
    return ContainerSummary.of(c).reusable(hash, network);
  }

  private Map<String, String> labels(String role, String hash) {
    Map<String, String> labels = new LinkedHashMap<>(id.labels());
    labels.put(Labels.PROJECT_DIR, id.projectDir().toString());
    labels.put(Labels.ROLE, role);
    labels.put(Labels.CONFIG_HASH, hash);
    labels.put(Labels.CREATED_BY, createdBy);
    return labels;
  }

  private String ensureVolume(String role) {
    String name = id.volumeName(role);
    try {
      docker.inspectVolumeCmd(name).exec();
    } catch (NotFoundException e) {
      Map<String, String> labels = new LinkedHashMap<>(id.labels());
      labels.put(Labels.PROJECT_DIR, id.projectDir().toString());
      labels.put(Labels.ROLE, role);
      docker.createVolumeCmd().withName(name).withLabels(labels).exec();
      emulatorEmpty = role.equals(AWS);
    }
    return name;
  }

  private AwsAccess awsAccess(String containerId, String network) {
    return DockerObjects.awsAccess(DockerObjects.inspect(docker, containerId), profile, network);
  }

  private ClusterAccess clusterAccess(String containerId) {
    ContainerDetails info = DockerObjects.inspect(docker, containerId);
    return new ClusterAccess(K3sCluster.kubeconfig(docker, containerId, info.hostPort(K3sCluster.API_PORT)), null);
  }
}
