package io.devenv.engine;

import io.devenv.environment.Environment;
import io.devenv.environment.ClusterAccess;
import io.devenv.environment.AwsAccess;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.Network;
import io.devenv.core.DevenvException;
import io.devenv.profile.Profile;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.function.Consumer;

/**
 * The {@code docker} engine: runs a profile's AWS emulator and k3s as containers on one Docker
 * network, finds them again from any later process by their labels, and removes them.
 *
 * <p>Containers outlive the JVM that started them (no Ryuk, no Testcontainers session label):
 * {@link #start} reuses running ones whose settings hash matches and recreates the rest;
 * {@link #down} removes everything carrying the project's and profile's labels.
 */
public final class DockerEngine implements Engine {
  private final Supplier<DockerClient> docker;
  private final Supplier<Optional<DockerReads>> quick;
  private volatile FutureTask<Optional<DockerReads>> prepared;

  /** The engine on this client; every start runs the full path (no reuse lookup of its own). */
  public DockerEngine(DockerClient docker) {
    this(() -> docker, Optional::empty);
  }

  /**
   * @param docker the client of Testcontainers' discovery, asked for when first needed
   * @param quick reads for the reuse lookup that need no discovery, when they can be had
   */
  private DockerEngine(Supplier<DockerClient> docker, Supplier<Optional<DockerReads>> quick) {
    this.docker = memoize(docker);
    this.quick = quick;
  }

  /**
   * The engine on the Docker that Testcontainers finds, connected now.
   *
   * @throws DevenvException when Docker is not reachable, in one line saying what to do
   */
  public static DockerEngine connect() {
    DockerClient client = DockerAccess.client();
    return new DockerEngine(() -> client, DockerAccess::withoutDiscovery);
  }

  /**
   * The engine for the command line: Testcontainers' discovery runs only when something needs more
   * than {@link ReuseLookup} (an up that reuses everything never runs it). A Docker that is not
   * reachable is reported by the first call that needs it.
   */
  public static DockerEngine whenNeeded() {
    return new DockerEngine(DockerAccess::client, DockerAccess::withoutDiscovery);
  }

  /**
   * Starts making the reuse lookup's reads on a daemon thread, so that they are ready when
   * {@link #start} needs them: {@code up} calls this before it loads the profile. Never fails.
   */
  public DockerEngine prepare() {
    FutureTask<Optional<DockerReads>> early = EARLY.getAndSet(null);
    prepared = early != null ? early : started(new FutureTask<>(() -> warm(quick.get())));
    return this;
  }

  /** Lookup reads begun by {@link #prepareEarly}, for the first {@link #prepare} of this process. */
  private static final AtomicReference<FutureTask<Optional<DockerReads>>> EARLY = new AtomicReference<>();

  /**
   * Starts making the reuse lookup's reads before the command line is even parsed (picocli and the
   * profile take a fifth of a second that it can use, on the other core): the command line calls it
   * for an {@code up} on the Docker engine. Never fails; reads nobody takes are dropped with the process.
   */
  public static void prepareEarly() {
    FutureTask<Optional<DockerReads>> task = new FutureTask<>(() -> warm(DockerAccess.withoutDiscovery()));
    if (EARLY.compareAndSet(null, task)) {
      started(task);
    }
  }

  /**
   * Pings Docker once, so the transport's classes are loaded and its connection made here, beside
   * the command line and the profile, not in the lookup. Whatever the ping answers, the lookup asks again.
   */
  private static Optional<DockerReads> warm(Optional<DockerReads> reads) {
    reads.ifPresent(DockerReads::ping);
    return reads;
  }

  private static FutureTask<Optional<DockerReads>> started(FutureTask<Optional<DockerReads>> task) {
    Thread t = new Thread(task, "devenv-docker-lookup");
    t.setDaemon(true);
    t.start();
    return task;
  }

  /** The lookup's reads: the prepared ones, or made now. */
  private Optional<DockerReads> quickReads() {
    FutureTask<Optional<DockerReads>> task = prepared;
    prepared = null;
    if (task == null) {
      return quick.get();
    }
    try {
      return task.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } catch (ExecutionException e) {
      return Optional.empty();
    }
  }

  /** Testcontainers' client, connecting on first use. */
  public DockerClient docker() {
    return docker.get();
  }

  private static <T> Supplier<T> memoize(Supplier<T> make) {
    return new Supplier<>() {
      private T value;

      @Override
      public synchronized T get() {
        if (value == null) {
          value = make.get();
        }
        return value;
      }
    };
  }

  /**
   * Starts or reuses the profile's containers and returns how to reach them. Checks everything it
   * can before any container starts (preset services, token, local images, a fixed port); holds
   * on failure or interrupt removes what this call created (unless
   * {@link EngineOptions#keepOnFailure()}) and restores the interrupt flag. The caller holds the
   * project lock.
   *
   * @throws DevenvException exit 2 for a profile the preset cannot run, 1 for a start that failed,
   *     130 when interrupted
   */
  @Override
  public Environment start(Profile profile, EngineOptions options) {
    return begin(profile, options).environment();
  }

  /**
   * {@link #start}, returning once the containers are under way: checks everything it can first,
   * then the emulator and k3s start at once and each can be waited for on its own. An environment
   * that runs as the profile asks is found by {@link ReuseLookup} first, and then the start is over.
   */
  @Override
  public EngineStart begin(Profile profile, EngineOptions options) {
    Optional<Environment> reused = reuseWithoutDiscovery(profile, options);
    if (reused.isPresent()) {
      return EngineStart.finished(reused.get());
    }
    long checking = System.nanoTime();
    EmulatorPreset.check(profile, options.environment());
    String awsImage = profile.needsAws() ? EmulatorSettings.of(profile, options.environment()).image() : null;
    // One inspect says both whether the image is here and, by its labels, what it cannot serve.
    Optional<InspectImageResponse> awsImageHere = awsImage == null ? Optional.empty() : ImagePull.inspect(docker(), awsImage);
    awsImageHere.ifPresent(image -> ImageServices.requireServed(profile, awsImage,
        image.getConfig() == null ? null : image.getConfig().getLabels()));
    if (profile.kubernetes().enabled()) {
      K3sImages.requirePresent(docker(), profile.kubernetes().images());
    }
    // Pulled here, once, so that a pull that cannot succeed fails at once in one line (a pulled
    // image is not checked for labels: one of the registry makes no such claim).
    if (awsImage != null && awsImageHere.isEmpty()) {
      ImagePull.pull(docker(), awsImage, "AWS emulator");
    }
    if (profile.kubernetes().enabled()) {
      ImagePull.ensure(docker(), EnvironmentStarter.k3sImage(profile), "k3s");
    }
    if (profile.needsAws() && options.awsHostPort() > 0 && !PortCheck.isFree(options.awsHostPort())
        && !publishedByOwnEmulator(new EnvironmentId(options.projectDir(), profile.name()), options.awsHostPort())) {
      throw PortCheck.taken(options.awsHostPort(), "the AWS emulator");
    }
    options.timings().record("engine: checks before start (preset, images, port)", checking);
    return new EnvironmentStarter(docker(), profile, options).begin();
  }

  /** Everything reused through {@link ReuseLookup}, or empty when the full path must run. */
  private Optional<Environment> reuseWithoutDiscovery(Profile profile, EngineOptions options) {
    return withReads(quickReads(), reads -> new ReuseLookup(reads, options.progress()).find(profile, options))
        .flatMap(found -> found);
  }

  /** Work on the quick reads: it may throw what Docker's answers make it throw. */
  private interface ReadsWork<T> {
    T on(DockerReads reads) throws IOException;
  }

  /**
   * What {@code work} makes of the reads, which are closed after it; empty when there are none, or
   * when the socket did not answer as expected (the caller then goes through Testcontainers'
   * client, which connects and reports). A {@link DevenvException} is the user's to see: thrown.
   */
  private static <T> Optional<T> withReads(Optional<DockerReads> reads, ReadsWork<T> work) {
    if (reads.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(work.on(reads.get()));
    } catch (DevenvException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    } finally {
      closeQuietly(reads.get());
    }
  }

  /** Whether the environment's own emulator holds the port (then a reuse or recreate frees it). */
  private boolean publishedByOwnEmulator(EnvironmentId id, int port) {
    return DockerObjects.containers(docker(), id).stream()
        .filter(c -> DockerObjects.role(c).equals(EnvironmentStarter.AWS) && c.getPorts() != null)
        .flatMap(c -> java.util.Arrays.stream(c.getPorts()))
        .anyMatch(p -> p.getPublicPort() != null && p.getPublicPort() == port);
  }

  /**
   * How to reach the profile's running containers, without starting anything: for
   * {@code devenv env}, {@code status} and a JUnit run against an environment already up.
   *
   * @throws DevenvException when they are not running, saying to run devenv up
   */
  @Override
  public Environment attach(Profile profile, Path projectDir) {
    EnvironmentId id = new EnvironmentId(projectDir, profile.name());
    Optional<Environment> quickly = withReads(quick.get(),
        reads -> attach(profile, id, reads.containers(id.labelFilter()), c -> reads.inspect(c.id()), reads::client));
    if (quickly.isPresent()) {
      return quickly.get();
    }
    List<ContainerSummary> containers = DockerObjects.containers(docker(), id).stream().map(ContainerSummary::of).toList();
    try {
      return attach(profile, id, containers, c -> Optional.of(DockerObjects.inspect(docker(), c.id())), this::docker);
    } catch (IOException e) {
      throw DevenvException.failure("Could not read the containers of " + profile.name() + ": " + e.getMessage(), e);
    }
  }

  /** How the running containers of an environment are inspected: empty for one removed meanwhile. */
  private interface Inspect {
    Optional<ContainerDetails> of(ContainerSummary c) throws IOException;
  }

  private static Environment attach(Profile profile, EnvironmentId id, List<ContainerSummary> containers, Inspect inspect,
      Supplier<DockerClient> docker) throws IOException {
    AwsAccess aws = null;
    ClusterAccess cluster = null;
    for (ContainerSummary c : containers) {
      Optional<ContainerDetails> info = "running".equals(c.state()) ? inspect.of(c) : Optional.empty();
      if (info.isEmpty()) {
        continue;
      }
      if (c.role().equals(EnvironmentStarter.AWS)) {
        aws = DockerObjects.awsAccess(info.get(), profile, id.baseName());
      } else if (c.role().equals(EnvironmentStarter.K3S)) {
        cluster = new ClusterAccess(K3sCluster.kubeconfig(docker.get(), c.id(), info.get().hostPort(K3sCluster.API_PORT)), null);
      }
    }
    if ((profile.needsAws() && aws == null) || (profile.kubernetes().enabled() && cluster == null)) {
      throw DevenvException.failure("Profile " + profile.name() + " is not running in " + id.projectDir()
          + ": run devenv up", null);
    }
    return new Environment(profile, aws, cluster);
  }

  /**
   * Removes the containers and networks of a profile (every profile of the project when
   * {@code profileName} is null), and with {@code volumes} their state volumes too.
   */
  @Override
  public DownReport down(Path projectDir, String profileName, boolean volumes) {
    EnvironmentId id = new EnvironmentId(projectDir, profileName);
    Optional<DockerReads> quickReads = quick.get();
    // Not withReads: only the lists may fall back to Testcontainers' client; a removal that fails
    // is reported as it fails, never done again on another path that would report less.
    if (quickReads.isPresent()) {
      DockerReads reads = quickReads.get();
      try {
        List<ContainerSummary> containers;
        List<DockerReads.NetworkEntry> networks;
        try {
          containers = reads.containers(id.labelFilter());
          networks = reads.networks(id.labelFilter());
        } catch (IOException | RuntimeException e) {
          containers = null; // the socket did not answer as expected: Testcontainers' client connects below, and reports
          networks = null;
        }
        if (containers != null) {
          // Removed through docker-java's client on the same socket: no discovery.
          return down(id, containers, networks, reads.client(), volumes);
        }
      } finally {
        closeQuietly(reads);
      }
    }
    List<ContainerSummary> containers = DockerObjects.containers(docker(), id).stream().map(ContainerSummary::of).toList();
    List<DockerReads.NetworkEntry> networks = DockerObjects.networks(docker(), id).stream()
        .map(n -> new DockerReads.NetworkEntry(n.getId(), n.getName())).toList();
    return down(id, containers, networks, docker(), volumes);
  }

  private static void closeQuietly(DockerReads reads) {
    try {
      reads.close();
    } catch (IOException | RuntimeException e) {
      // what it held is a socket's connections: nothing to report
    }
  }

  /** Removes what was found, and with {@code volumes} the environment's volumes; reports what it removed. */
  private static DownReport down(EnvironmentId id, List<ContainerSummary> found, List<DockerReads.NetworkEntry> foundNetworks,
      DockerClient docker, boolean volumes) {
    List<String> containers = new ArrayList<>();
    for (ContainerSummary c : found) {
      if (DockerObjects.removeContainer(docker, c.id())) {
        containers.add(c.name());
      }
    }
    List<String> networks = new ArrayList<>();
    for (DockerReads.NetworkEntry n : foundNetworks) {
      if (DockerObjects.removeNetwork(docker, n.id())) {
        networks.add(n.name());
      }
    }
    List<String> removedVolumes = new ArrayList<>();
    if (volumes) {
      var listed = docker.listVolumesCmd().withFilter("label", id.labelFilter()).exec().getVolumes();
      for (var v : listed == null ? List.<com.github.dockerjava.api.command.InspectVolumeResponse>of() : listed) {
        try {
          docker.removeVolumeCmd(v.getName()).exec();
          removedVolumes.add(v.getName());
        } catch (NotFoundException gone) {
          // removed meanwhile
        }
      }
    }
    return new DownReport(containers, networks, removedVolumes);
  }

  @Override
  public EngineKind kind() {
    return EngineKind.DOCKER;
  }

  @Override
  public boolean ownsEnvironment() {
    return true;
  }

  @Override
  public Status status(Profile profile, Path projectDir) {
    return status(projectDir, profile.name());
  }

  /** What runs for a profile (every profile of the project when {@code profileName} is null). */
  public Status status(Path projectDir, String profileName) {
    EnvironmentId id = new EnvironmentId(projectDir, profileName);
    Optional<Status> quickly = withReads(quick.get(), reads -> {
      List<ContainerStatus> containers = new ArrayList<>();
      for (ContainerSummary c : reads.containers(id.labelFilter())) {
        Optional<ContainerDetails> info = reads.inspect(c.id());
        if (info.isPresent()) { // else removed since the list
          containers.add(describe(c, info.get()));
        }
      }
      return new Status(id.projectDir(), profileName,
          reads.networks(id.labelFilter()).stream().map(DockerReads.NetworkEntry::name).toList(), containers);
    });
    if (quickly.isPresent()) {
      return quickly.get();
    }
    List<String> networks = DockerObjects.networks(docker(), id).stream().map(Network::getName).sorted().toList();
    List<ContainerStatus> containers = new ArrayList<>();
    for (Container c : DockerObjects.containers(docker(), id)) {
      containers.add(describe(ContainerSummary.of(c), DockerObjects.inspect(docker(), c.getId())));
    }
    return new Status(id.projectDir(), profileName, networks, containers);
  }

  private static ContainerStatus describe(ContainerSummary c, ContainerDetails info) {
    Map<String, String> labels = c.labels();
    String role = c.role();
    String network = new EnvironmentId(Path.of(labels.getOrDefault(Labels.PROJECT_DIR, "/")),
        labels.get(Labels.PROFILE)).baseName();
    String endpoint = null;
    String health = c.state();
    if (role.equals(EnvironmentStarter.AWS)) {
      int port = info.hostPort(Integer.parseInt(labels.getOrDefault(Labels.SERVICE_PORT, String.valueOf(AwsAccess.DEFAULT_PORT))));
      if (port > 0) {
        endpoint = "http://" + ContainerSetup.LOOPBACK + ":" + port;
        if ("running".equals(c.state())) {
          health = HealthProbe.once(URI.create(endpoint), labels.getOrDefault(Labels.HEALTH_PATH, "/_localstack/health"));
        }
      }
    } else if (role.equals(EnvironmentStarter.K3S)) {
      int port = info.hostPort(K3sCluster.API_PORT);
      endpoint = port > 0 ? "https://" + ContainerSetup.LOOPBACK + ":" + port : null;
    }
    return new ContainerStatus(role, c.name(), c.id().substring(0, 12), c.image(), c.state(),
        health, endpoint, info.networkAddress(network), info.publishedPorts(),
        labels.get(Labels.CONFIG_HASH), Instant.ofEpochSecond(c.created()));
  }

  /**
   * Streams a container's log, line by line: {@code role} is {@code aws} or {@code k3s}
   * (a Kubernetes workload's log comes from the cluster, not from here).
   *
   * @param tail how many past lines to show; negative for all
   * @param follow keep streaming until the container stops or the thread is interrupted
   */
  @Override
  public void logs(Path projectDir, String profileName, String role, int tail, boolean follow, Consumer<String> lines) {
    EnvironmentId id = new EnvironmentId(projectDir, profileName);
    Container container = DockerObjects.containers(docker(), id).stream()
        .filter(c -> DockerObjects.role(c).equals(role)).findFirst()
        .orElseThrow(() -> DevenvException.invalid("No " + role + " container of profile " + profileName
            + " in " + id.projectDir() + ": run devenv up"));
    var cmd = docker().logContainerCmd(container.getId()).withStdOut(true).withStdErr(true).withFollowStream(follow);
    if (tail >= 0) {
      cmd.withTail(tail);
    }
    LineSplitter splitter = new LineSplitter(lines);
    try (ResultCallback.Adapter<Frame> callback = cmd.exec(new ResultCallback.Adapter<>() {
      @Override
      public void onNext(Frame frame) {
        splitter.accept(new String(frame.getPayload(), StandardCharsets.UTF_8));
      }
    })) {
      callback.awaitCompletion();
      splitter.flush();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      splitter.flush();
    } catch (IOException e) {
      throw DevenvException.failure("Could not read the log of " + DockerObjects.name(container) + ": " + e.getMessage(), e);
    }
  }

  /** Frames can split or join lines; hands on whole lines. */
  private static final class LineSplitter {
    private final Consumer<String> lines;
    private final StringBuilder pending = new StringBuilder();

    LineSplitter(Consumer<String> lines) {
      this.lines = lines;
    }

    synchronized void accept(String text) {
      pending.append(text);
      int newline;
      while ((newline = pending.indexOf("\n")) >= 0) {
        lines.accept(pending.substring(0, newline));
        pending.delete(0, newline + 1);
      }
    }

    synchronized void flush() {
      if (pending.length() > 0) {
        lines.accept(pending.toString());
        pending.setLength(0);
      }
    }
  }

}
