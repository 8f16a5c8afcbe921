package io.devenv.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.devenv.aws.AwsClients;
import io.devenv.aws.AwsProvisioner;
import io.devenv.core.Progress;
import io.devenv.engine.SeedPool;
import io.devenv.environment.AwsAccess;
import io.devenv.profile.Profile;
import io.devenv.profile.ProfileLoader;
import io.devenv.seed.Seeder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The cold-up benchmark's limit: {@code record} runs devenv's provisioner and seeder for a profile
 * against a fresh emulator and keeps every request they send ({@link Capture}); {@code replay}
 * sends the writes among them, as recorded, to another fresh emulator from N threads, in three
 * waves (resources created, then configured, then seed data), with nothing else on the client side.
 * The best time over thread counts is provisioning and seeding at the emulator's limit.
 */
public final class ColdBenchmark {
  static final ObjectMapper JSON = new ObjectMapper();
  /** Reads and devenv's own records (seed ledger, convergence stamp) are not what the emulator must do. */
  private static final List<String> READS = List.of("Get", "Describe", "List", "Head", "Receive");

  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "record" -> record(URI.create(args[1]), Path.of(args[2]), Path.of(args[3]));
      case "replay" -> replay(URI.create(args[1]), Path.of(args[2]), Integer.parseInt(args[3]));
      default -> throw new IllegalArgumentException("unknown mode " + args[0]);
    }
  }

  /** Provisions and seeds the profile as up does, keeping the writes sent, into {@code out} (JSON). */
  static void record(URI endpoint, Path profileFile, Path out) throws Exception {
    Profile profile = new ProfileLoader(Map.of()).loadFile(profileFile);
    int pool = SeedPool.size(profile, System.getenv());
    long t0 = System.nanoTime();
    try (AwsClients aws = new AwsClients(AwsAccess.local(endpoint, profile.aws().region()))) {
      Capture.phase("provision");
      new AwsProvisioner(aws, Progress.SILENT).provision(profile);
      Capture.phase("seed");
      new Seeder(aws, Progress.SILENT, pool).seed(profile, false);
      Capture.phase(null);
    }
    long t1 = System.nanoTime();
    ArrayNode list = JSON.createArrayNode();
    int all = 0;
    for (Capture.Sent s : Capture.sent()) {
      all++;
      if (!isWrite(s)) {
        continue;
      }
      ObjectNode n = list.addObject();
      n.put("phase", s.phase());
      n.put("startMicros", (s.startNanos() - t0) / 1000);
      n.put("endMicros", (s.endNanos()[0] - t0) / 1000);
      n.put("operation", s.service() + "." + s.operation());
      n.put("method", s.method());
      n.put("uri", s.uri());
      ObjectNode headers = n.putObject("headers");
      s.headers().forEach((k, v) -> headers.put(k, String.join(",", v)));
      n.put("body", Base64.getEncoder().encodeToString(s.body()));
    }
    ObjectNode doc = JSON.createObjectNode();
    doc.put("endpoint", endpoint.getAuthority());
    doc.set("requests", list);
    Files.writeString(out, JSON.writeValueAsString(doc));
    System.out.printf("recorded %d requests, %d writes kept; devenv's provision+seed (pool %d) took %d ms%n", all, list.size(),
        pool, (t1 - t0) / 1_000_000);
  }

  static boolean isWrite(Capture.Sent s) {
    if (READS.stream().anyMatch(s.operation()::startsWith)) {
      return false;
    }
    String body = new String(s.body(), StandardCharsets.UTF_8);
    return !(s.service().equalsIgnoreCase("SSM") && body.contains("\"/devenv/"));
  }

  /**
   * Sends the recorded writes to {@code endpoint} from {@code threads} threads; prints RESULT.
   * Resources keep devenv's order where it had one (a write waits for every write that had been
   * answered before devenv sent it: a subscription after its queue), otherwise go at once; seed
   * writes then all go at once.
   */
  static void replay(URI endpoint, Path recorded, int threads) throws Exception {
    JsonNode doc = JSON.readTree(recorded.toFile());
    String from = doc.get("endpoint").asText();
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    List<JsonNode> resources = new ArrayList<>();
    List<JsonNode> seeds = new ArrayList<>();
    doc.get("requests").forEach(r -> (r.get("phase").asText().equals("seed") ? seeds : resources).add(r));
    // Warm: the client's first connection and the emulator's first answer are not the limit.
    http.send(HttpRequest.newBuilder(endpoint.resolve(System.getenv().getOrDefault("HEALTH_PATH", "/_ministack/health"))).GET().build(),
        HttpResponse.BodyHandlers.discarding());
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    long t0 = System.nanoTime();
    List<CompletableFuture<Void>> made = new ArrayList<>();
    for (JsonNode r : resources) {
      long sentAt = r.get("startMicros").asLong();
      CompletableFuture<?>[] before = java.util.stream.IntStream.range(0, made.size())
          .filter(j -> resources.get(j).get("endMicros").asLong() <= sentAt).mapToObj(made::get).toArray(CompletableFuture[]::new);
      HttpRequest req = request(r, from, endpoint.getAuthority());
      made.add(CompletableFuture.allOf(before).thenRunAsync(() -> send(http, req, failures), pool));
    }
    CompletableFuture.allOf(made.toArray(CompletableFuture[]::new)).join();
    long t1 = System.nanoTime();
    CompletableFuture.allOf(seeds.stream().map(r -> request(r, from, endpoint.getAuthority()))
        .map(req -> CompletableFuture.runAsync(() -> send(http, req, failures), pool)).toArray(CompletableFuture[]::new)).join();
    long t2 = System.nanoTime();
    pool.shutdown();
    failures.stream().limit(5).forEach(f -> System.err.println("failed: " + f));
    if (!failures.isEmpty()) {
      throw new IllegalStateException(failures.size() + " of " + (resources.size() + seeds.size()) + " replayed requests failed");
    }
    System.out.printf("RESULT replay %d %d threads, %d requests (%d for resources: %d ms, %d for seeds: %d ms)%n", (t2 - t0) / 1_000_000,
        threads, resources.size() + seeds.size(), resources.size(), (t1 - t0) / 1_000_000, seeds.size(), (t2 - t1) / 1_000_000);
  }

  private static void send(HttpClient http, HttpRequest req, List<String> failures) {
    try {
      HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString());
      if (res.statusCode() >= 300) {
        failures.add(req.method() + " " + req.uri() + " -> " + res.statusCode() + " " + res.body().lines().findFirst().orElse(""));
      }
    } catch (Exception e) {
      failures.add(req.method() + " " + req.uri() + " -> " + e);
    }
  }

  /** Headers the HTTP client sets itself and refuses to be given. */
  private static final Set<String> OWN = Set.of("host", "content-length", "connection", "expect", "transfer-encoding");
  private static final Set<String> CHUNKED = Set.of("x-amz-decoded-content-length", "x-amz-trailer", "x-amz-content-sha256",
      "x-amz-sdk-checksum-algorithm");

  private static HttpRequest request(JsonNode r, String from, String to) {
    byte[] body = Base64.getDecoder().decode(r.get("body").asText());
    if (!r.get("operation").asText().startsWith("S3.")) {
      // A queue URL names the emulator it came from.
      body = new String(body, StandardCharsets.UTF_8).replace(from, to).getBytes(StandardCharsets.UTF_8);
    }
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(r.get("uri").asText().replace(from, to)))
        .method(r.get("method").asText(), body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body))
        .timeout(Duration.ofSeconds(60));
    boolean s3 = r.get("operation").asText().startsWith("S3.");
    r.get("headers").fields().forEachRemaining(h -> {
      String name = h.getKey().toLowerCase();
      // The object is sent whole: the SDK's aws-chunked framing with a checksum trailer is left out.
      boolean framing = s3 && (CHUNKED.contains(name) || (name.equals("content-encoding") && h.getValue().asText().contains("aws-chunked")));
      if (!OWN.contains(name) && !framing) {
        b.header(h.getKey(), h.getValue().asText());
      }
    });
    if (s3) {
      b.header("x-amz-content-sha256", "UNSIGNED-PAYLOAD");
    }
    return b.build();
  }
}
