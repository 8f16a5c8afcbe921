package io.devenv.testing;

import io.fabric8.kubernetes.api.model.Config;
import io.fabric8.kubernetes.api.model.ConfigBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real Kubernetes control plane for the test suite, on 127.0.0.1 only: kine (the etcd API in
 * memory), kube-apiserver, kube-controller-manager and kube-scheduler v{@value #VERSION}, and KWOK
 * with one simulated Node ({@value #NODE}), so that workloads become ready, Jobs complete, and pods
 * can be made to fail (label {@code devenv.test/kwok: crash-loop} or {@code fail}). Pod port
 * {@value #FORWARDED_POD_PORT} of every pod is port-forwarded by KWOK to {@link #forwardTargetPort()};
 * every container logs {@link #LOG} (and {@link #PREVIOUS_LOG} in its previous run).
 *
 * <p>One instance serves the whole test JVM ({@link #shared()}): started on first use (≈ 8 s),
 * stopped at exit. The binaries come from {@code $DEVENV_KUBE_BIN}, else
 * {@code ~/.cache/devenv-kube/v1.37.2/bin}, as {@code .ci/build-control-plane.sh} leaves them; when
 * they are missing the tests are skipped (failed in CI) by {@link Requirements}.
 */
public final class ControlPlane {

  public static final String VERSION = "1.37.2";
  public static final String NODE = "kwok-node-0";
  public static final int FORWARDED_POD_PORT = 8080;
  static final List<String> BINARIES = List.of("kine", "kube-apiserver", "kube-controller-manager", "kube-scheduler", "kwok");
  static final String HOW_TO_BUILD = "bash .ci/build-control-plane.sh (builds them from the Go module proxy into"
      + " ~/.cache/devenv-kube/v" + VERSION + "/bin, ~20-30 min once), or set DEVENV_KUBE_BIN to a directory holding them";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  private static final String[] STAGES = {
      "node-initialize.yaml", "node-heartbeat.yaml", "pod-ready.yaml", "pod-complete.yaml", "pod-delete.yaml", "pod-failures.yaml",
      "pvc-provision.yaml", "pv-bind.yaml", "pv-delete.yaml", "pvc-delete.yaml"};

  /** What every container logs (KWOK serves these files as its logs), and in its previous run. */
  public static final String LOG = "starting\nlistening on :8080\n";
  public static final String PREVIOUS_LOG = "starting\nfatal: cannot reach http://aws:4566\n";

  private static ControlPlane shared;
  private static String failedToStart;

  private final Path bin;
  private final Path dir;
  private final List<SupervisedProcess> processes = new ArrayList<>();
  private final AtomicInteger namespaces = new AtomicInteger();
  private KubePki pki;
  private int apiPort;
  private int forwardTargetPort;
  private Path kubeconfig;
  private KubernetesClient client;
  private Duration startup;

  private ControlPlane(Path bin, Path dir) {
    this.bin = bin;
    this.dir = dir;
  }

  /** The directory the binaries are looked for in. */
  public static Path binDir() {
    String configured = System.getenv("DEVENV_KUBE_BIN");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    return Path.of(System.getProperty("user.home"), ".cache", "devenv-kube", "v" + VERSION, "bin");
  }

  /** What is missing to run a control plane, or null when nothing is. */
  public static String missing() {
    Path bin = binDir();
    List<String> absent = BINARIES.stream().filter(b -> !Files.isExecutable(bin.resolve(b))).toList();
    if (!absent.isEmpty()) {
      return "no Kubernetes control plane to test against: " + String.join(", ", absent) + " missing in " + bin
          + "; build them with " + HOW_TO_BUILD;
    }
    if (!KubePki.opensslPresent()) {
      return KubePki.HOW_TO_INSTALL;
    }
    return null;
  }

  /**
   * The control plane of this JVM, started on first use; skips the calling test (fails it in CI)
   * when the binaries are missing.
   */
  public static synchronized ControlPlane shared() {
    String missing = missing();
    Requirements.require(missing == null, missing);
    if (failedToStart != null) {
      throw new IllegalStateException(failedToStart);
    }
    if (shared == null) {
      try {
        ControlPlane plane = new ControlPlane(binDir(), Files.createTempDirectory("devenv-kube-"));
        Runtime.getRuntime().addShutdownHook(new Thread(plane::stop, "devenv-control-plane-stop"));
        plane.start();
        shared = plane;
        System.out.println("[devenv] test control plane (kube-apiserver v" + VERSION + ", kine, KWOK) ready in "
            + plane.startup().toMillis() + " ms, from " + plane.bin);
      } catch (Exception e) {
        failedToStart = "the test control plane did not start: " + e.getMessage();
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        throw new IllegalStateException(failedToStart, e);
      }
    }
    return shared;
  }

  /** A client-certificate kubeconfig for a cluster administrator. */
  public Path kubeconfig() {
    return kubeconfig;
  }

  /** A client for the administrator, shared: do not close it. */
  public KubernetesClient client() {
    return client;
  }

  /** A new client, for the caller to close. */
  public KubernetesClient newClient() {
    return Clients.fromKubeconfig(kubeconfig);
  }

  /** Where KWOK forwards pod port {@value #FORWARDED_POD_PORT} of every pod: a test listens there. */
  public int forwardTargetPort() {
    return forwardTargetPort;
  }

  /** From nothing to a Ready node, as measured when this JVM started the plane. */
  public Duration startup() {
    return startup;
  }

  /** A namespace name no other test uses, e.g. "apply-3-k2f1"; not created. */
  public String uniqueNamespace(String prefix) {
    return prefix.toLowerCase(Locale.ROOT) + "-" + namespaces.incrementAndGet() + "-"
        + Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36 * 36), 36);
  }

  /** Creates a namespace no other test uses and returns its name. */
  public String createNamespace(String prefix) {
    String name = uniqueNamespace(prefix);
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build()).create();
    return name;
  }

  /** The last lines of each component's log, for a failing test's message. */
  public String logs(int lines) {
    StringBuilder b = new StringBuilder();
    for (SupervisedProcess p : processes) {
      b.append("== ").append(p.name()).append(p.alive() ? "" : " (not running)").append('\n').append(p.tail(lines)).append('\n');
    }
    return b.toString();
  }

  private void start() throws IOException, InterruptedException {
    long begin = System.nanoTime();
    pki = KubePki.create(Files.createDirectories(dir.resolve("pki")));
    int kinePort = freePort();
    apiPort = freePort();
    int kwokPort = freePort();
    forwardTargetPort = freePort();
    String server = "https://127.0.0.1:" + apiPort;
    kubeconfig = writeKubeconfig("admin", server);
    Path cm = writeKubeconfig("controller-manager", server);
    Path scheduler = writeKubeconfig("scheduler", server);
    Path kwok = writeKubeconfig("kwok-client", server);

    launch("kine", false, "--endpoint=memory://", "--listen-address=127.0.0.1:" + kinePort, "--metrics-bind-address=0");
    launch("kube-apiserver", false,
        "--etcd-servers=http://127.0.0.1:" + kinePort,
        "--bind-address=127.0.0.1", "--advertise-address=127.0.0.1", "--secure-port=" + apiPort,
        // The loopback address is refused as an advertised endpoint unless nothing reconciles it.
        "--endpoint-reconciler-type=none",
        "--tls-cert-file=" + pki.cert("apiserver"), "--tls-private-key-file=" + pki.key("apiserver"),
        "--client-ca-file=" + pki.ca(),
        "--service-account-key-file=" + dir.resolve("pki/sa.pub"),
        "--service-account-signing-key-file=" + dir.resolve("pki/sa.key"),
        "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
        "--service-cluster-ip-range=10.96.0.0/16",
        "--authorization-mode=Node,RBAC",
        "--kubelet-client-certificate=" + pki.cert("apiserver-kubelet-client"),
        "--kubelet-client-key=" + pki.key("apiserver-kubelet-client"),
        "--kubelet-preferred-address-types=InternalIP",
        "--allow-privileged=true", "--profiling=false");
    client = Clients.fromKubeconfig(kubeconfig);
    awaitApiServer(begin);
    String version = client.getKubernetesVersion().getGitVersion();
    if (!("v" + VERSION).equals(version)) {
      throw new IllegalStateException("kube-apiserver in " + bin + " says " + version + ", not v" + VERSION
          + ": rebuild it with " + HOW_TO_BUILD);
    }
    client.nodes().resource(new NodeBuilder().withNewMetadata().withName(NODE)
        .addToAnnotations("kwok.x-k8s.io/node", "fake")
        .addToLabels("kubernetes.io/hostname", NODE).addToLabels("kubernetes.io/os", "linux").addToLabels("type", "kwok")
        .endMetadata().build()).create();
    // KWOK's volume stages provision claims of this class, the default one, as a provisioner would.
    client.storage().v1().storageClasses().resource(new io.fabric8.kubernetes.api.model.storage.StorageClassBuilder()
        .withNewMetadata().withName("kwok-volume").addToAnnotations("storageclass.kubernetes.io/is-default-class", "true").endMetadata()
        .withProvisioner("kwok.x-k8s.io/volume").withReclaimPolicy("Delete").withVolumeBindingMode("Immediate").build()).create();
    launch("kube-controller-manager", false, "--kubeconfig=" + cm, "--leader-elect=false", "--secure-port=0",
        "--service-account-private-key-file=" + dir.resolve("pki/sa.key"), "--root-ca-file=" + pki.ca(),
        "--use-service-account-credentials=false", "--controllers=*");
    launch("kube-scheduler", true, "--kubeconfig=" + scheduler, "--leader-elect=false", "--secure-port=0");
    launch("kwok", true, "--kubeconfig=" + kwok, "--config=" + writeKwokConfig(kwokPort));
    awaitNodeReady(begin);
    startup = Duration.ofNanos(System.nanoTime() - begin);
  }

  private void awaitApiServer(long begin) throws InterruptedException {
    String last = "";
    while (System.nanoTime() - begin < START_TIMEOUT.toNanos()) {
      assertAlive("kine", "kube-apiserver");
      try {
        if ("ok".equals(client.raw("/readyz"))) {
          return;
        }
      } catch (RuntimeException e) {
        last = e.getMessage();
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("kube-apiserver not ready within " + START_TIMEOUT.toSeconds() + " s (" + last + "):\n" + logs(30));
  }

  private void awaitNodeReady(long begin) throws InterruptedException {
    while (System.nanoTime() - begin < START_TIMEOUT.toNanos()) {
      var node = client.nodes().withName(NODE).get();
      boolean ready = node != null && node.getStatus() != null && node.getStatus().getConditions().stream()
          .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
      boolean serviceAccount = client.serviceAccounts().inNamespace("default").withName("default").get() != null;
      if (ready && serviceAccount) {
        return;
      }
      assertAlive("kine", "kube-apiserver", "kube-controller-manager");
      Thread.sleep(200);
    }
    throw new IllegalStateException("node " + NODE + " not Ready within " + START_TIMEOUT.toSeconds() + " s:\n" + logs(30));
  }

  private void assertAlive(String... names) {
    for (SupervisedProcess p : processes) {
      if (List.of(names).contains(p.name()) && !p.alive()) {
        throw new IllegalStateException(p.name() + " exited:\n" + p.tail(30));
      }
    }
  }

  private void launch(String name, boolean supervised, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(bin.resolve(name).toString());
    command.addAll(List.of(args));
    processes.add(new SupervisedProcess(name, command, dir.resolve(name + ".log"), supervised).start());
  }

  private Path writeKubeconfig(String user, String server) throws IOException {
    Config config = new ConfigBuilder()
        .addNewCluster().withName("devenv-test").withNewCluster().withServer(server)
        .withCertificateAuthority(pki.ca().toString()).endCluster().endCluster()
        .addNewUser().withName(user).withNewUser()
        .withClientCertificate(pki.cert(user).toString()).withClientKey(pki.key(user).toString()).endUser().endUser()
        .addNewContext().withName("devenv-test").withNewContext().withCluster("devenv-test").withUser(user).endContext().endContext()
        .withCurrentContext("devenv-test")
        .build();
    Path file = dir.resolve(user + ".kubeconfig");
    Files.writeString(file, Serialization.asYaml(config), StandardCharsets.UTF_8);
    return file;
  }

  /** KWOK's configuration: its options, the stages kwokctl would give it, and the port-forward rule. */
  private Path writeKwokConfig(int port) throws IOException {
    StringBuilder yaml = new StringBuilder("""
        apiVersion: config.kwok.x-k8s.io/v1alpha1
        kind: KwokConfiguration
        options:
          manageAllNodes: false
          manageNodesWithAnnotationSelector: kwok.x-k8s.io/node=fake
          serverAddress: 127.0.0.1:%1$d
          nodeIP: 127.0.0.1
          nodePort: %1$d
          tlsCertFile: %2$s
          tlsPrivateKeyFile: %3$s
          enableDebuggingHandlers: true
          podPlayStageParallelism: 4
          nodePlayStageParallelism: 2
          nodeLeaseParallelism: 2
          nodeLeaseDurationSeconds: 40
          cidr: 10.0.0.0/16
          enablePodsOnNodeSyncListPager: false
          enablePodsOnNodeSyncStreamWatch: true
        ---
        apiVersion: kwok.x-k8s.io/v1alpha1
        kind: ClusterPortForward
        metadata:
          name: devenv-test-forward
        spec:
          forwards:
          - ports: [%4$d]
            target:
              port: %5$d
              address: 127.0.0.1
        ---
        apiVersion: kwok.x-k8s.io/v1alpha1
        kind: ClusterLogs
        metadata:
          name: devenv-test-logs
        spec:
          logs:
          - logsFile: %6$s
            previousLogsFile: %7$s
        """.formatted(port, pki.cert("kwok"), pki.key("kwok"), FORWARDED_POD_PORT, forwardTargetPort,
            writeLog("container.log", LOG), writeLog("previous.log", PREVIOUS_LOG)));
    for (String stage : STAGES) {
      try (InputStream in = ControlPlane.class.getResourceAsStream("/kwok/" + stage)) {
        if (in == null) {
          throw new IOException("test resource kwok/" + stage + " is missing");
        }
        yaml.append("---\n").append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    Path file = dir.resolve("kwok.yaml");
    Files.writeString(file, yaml, StandardCharsets.UTF_8);
    return file;
  }

  private Path writeLog(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    // KWOK reads them as a kubelet does its containers' logs: in the CRI log format.
    String cri = text.lines().map(l -> "2026-01-01T00:00:00.000000000Z stdout F " + l + "\n").collect(java.util.stream.Collectors.joining());
    Files.writeString(file, cri, StandardCharsets.UTF_8);
    return file;
  }

  private synchronized void stop() {
    if (client != null) {
      client.close();
    }
    // Reverse order: the API server's users first, storage last.
    for (int i = processes.size() - 1; i >= 0; i--) {
      processes.get(i).stop();
    }
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // A temp directory left behind is harmless.
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** fabric8 clients from a kubeconfig file, whatever KUBECONFIG says. */
  static final class Clients {
    private Clients() {}

    static KubernetesClient fromKubeconfig(Path file) {
      try {
        io.fabric8.kubernetes.client.Config config = io.fabric8.kubernetes.client.Config.fromKubeconfig(Files.readString(file));
        return new KubernetesClientBuilder().withConfig(config).build();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
