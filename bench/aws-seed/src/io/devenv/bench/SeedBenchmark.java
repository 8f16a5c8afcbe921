package io.devenv.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.devenv.aws.AwsClients;
import io.devenv.aws.AwsProvisioner;
import io.devenv.core.Progress;
import io.devenv.environment.AwsAccess;
import io.devenv.profile.Profile;
import io.devenv.profile.ProfileLoader;
import io.devenv.seed.SeedReport;
import io.devenv.seed.Seeder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * The AWS seeding benchmark: generates the data, and seeds it into an emulator the caller
 * started and emptied, one way per invocation, printing "RESULT name millis". See README.md.
 */
public final class SeedBenchmark {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String BUCKET = "bench-objects";
  static final String TABLE = "bench-items";
  static final String QUEUE = "bench-jobs";

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    switch (mode) {
      case "generate" -> generate(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]));
      case "provision" -> provision(URI.create(args[1]), Path.of(args[2]));
      case "devenv" -> devenv(URI.create(args[1]), Path.of(args[2]), Integer.parseInt(args[3]), false);
      case "devenv-warm" -> devenv(URI.create(args[1]), Path.of(args[2]), Integer.parseInt(args[3]), true);
      case "naive" -> naive(URI.create(args[1]), Path.of(args[2]));
      case "ceiling" -> ceiling(URI.create(args[1]), Path.of(args[2]), Integer.parseInt(args[3]));
      case "verify" -> verify(URI.create(args[1]), Path.of(args[2]));
      default -> throw new IllegalArgumentException("unknown mode " + mode);
    }
  }

  // ---- data --------------------------------------------------------------------------------

  /** Items, objects and messages, a profile naming them, and the AWS CLI's batch files. */
  static void generate(Path dir, int items, int objects, int messages) throws IOException {
    Files.createDirectories(dir.resolve("ddb-batches"));
    Files.createDirectories(dir.resolve("sqs-batches"));
    Random random = new Random(42);
    List<ObjectNode> requests = new ArrayList<>();
    try (Writer w = Files.newBufferedWriter(dir.resolve("items.ndjson"))) {
      for (int i = 0; i < items; i++) {
        ObjectNode item = JSON.createObjectNode();
        item.put("id", String.format("user-%05d", i));
        item.put("name", "Utilisateur n°" + i);
        item.put("plan", i % 3 == 0 ? "premium" : "basic");
        item.put("score", i * 7 % 1000);
        item.put("active", i % 2 == 0);
        item.putArray("devices").add("tv").add("phone");
        item.putObject("settings").put("locale", "fr-FR").put("quality", "hd");
        w.write(JSON.writeValueAsString(item) + "\n");
        requests.add(dynamoPutRequest(item));
      }
    }
    for (int b = 0; b * 25 < requests.size(); b++) {
      ObjectNode batch = JSON.createObjectNode();
      ArrayNode list = batch.putArray(TABLE);
      requests.subList(b * 25, Math.min(requests.size(), b * 25 + 25)).forEach(list::add);
      Files.writeString(dir.resolve(String.format("ddb-batches/batch-%04d.json", b)), JSON.writeValueAsString(batch));
    }
    for (int i = 0; i < objects; i++) {
      Path file = dir.resolve("objects").resolve("dir-" + (i % 20)).resolve("object-" + i + (i % 2 == 0 ? ".json" : ".bin"));
      Files.createDirectories(file.getParent());
      byte[] bytes = new byte[512 + random.nextInt(8 * 1024)];
      random.nextBytes(bytes);
      Files.write(file, bytes);
    }
    List<ObjectNode> entries = new ArrayList<>();
    try (Writer w = Files.newBufferedWriter(dir.resolve("messages.ndjson"))) {
      for (int i = 0; i < messages; i++) {
        String body = "{\"jobId\":\"job-" + i + "\",\"key\":\"originals/" + i + ".jpg\",\"sizes\":[[320,180]]}";
        ObjectNode line = JSON.createObjectNode();
        line.put("body", body);
        line.putObject("attributes").put("priority", i % 5 == 0 ? "high" : "normal");
        w.write(JSON.writeValueAsString(line) + "\n");
        ObjectNode entry = JSON.createObjectNode();
        entry.put("Id", "m" + (i % 10));
        entry.put("MessageBody", body);
        entry.putObject("MessageAttributes").putObject("priority").put("DataType", "String")
            .put("StringValue", i % 5 == 0 ? "high" : "normal");
        entries.add(entry);
      }
    }
    for (int b = 0; b * 10 < entries.size(); b++) {
      ArrayNode list = JSON.createArrayNode();
      entries.subList(b * 10, Math.min(entries.size(), b * 10 + 10)).forEach(list::add);
      Files.writeString(dir.resolve(String.format("sqs-batches/batch-%04d.json", b)), JSON.writeValueAsString(list));
    }
    Files.writeString(dir.resolve("bench.yaml"), """
        name: bench
        aws:
          region: us-east-1
          buckets: [{ name: %s }]
          tables: [{ name: %s, partitionKey: { name: id, type: S } }]
          queues: [{ name: %s }]
        kubernetes:
          enabled: false
        seed:
          buckets: [{ bucket: %s, from: objects }]
          tables: [{ table: %s, from: items.ndjson }]
          queues: [{ queue: %s, from: messages.ndjson }]
        """.formatted(BUCKET, TABLE, QUEUE, BUCKET, TABLE, QUEUE));
    Files.writeString(dir.resolve("counts"), items + " " + objects + " " + messages + "\n");
  }

  /** A plain JSON item as the AWS CLI's DynamoDB JSON put request. */
  private static ObjectNode dynamoPutRequest(ObjectNode item) {
    ObjectNode request = JSON.createObjectNode();
    ObjectNode typed = request.putObject("PutRequest").putObject("Item");
    item.properties().forEach(f -> typed.set(f.getKey(), typed(f.getValue())));
    return request;
  }

  private static JsonNode typed(JsonNode v) {
    ObjectNode t = JSON.createObjectNode();
    if (v.isTextual()) {
      t.put("S", v.textValue());
    } else if (v.isNumber()) {
      t.put("N", v.asText());
    } else if (v.isBoolean()) {
      t.put("BOOL", v.booleanValue());
    } else if (v.isArray()) {
      ArrayNode l = t.putArray("L");
      v.forEach(e -> l.add(typed(e)));
    } else if (v.isObject()) {
      ObjectNode m = t.putObject("M");
      v.properties().forEach(f -> m.set(f.getKey(), typed(f.getValue())));
    } else {
      t.put("NULL", true);
    }
    return t;
  }

  // ---- the ways to seed --------------------------------------------------------------------

  static AwsClients clients(URI endpoint) {
    return new AwsClients(AwsAccess.local(endpoint, "us-east-1"));
  }

  static void provision(URI endpoint, Path dir) {
    Profile profile = ProfileLoader.load(dir.resolve("bench.yaml"));
    try (AwsClients aws = clients(endpoint)) {
      new AwsProvisioner(aws, Progress.SILENT).provision(profile);
    }
  }

  /**
   * (a) devenv's Seeder, as `devenv seed` runs it; with {@code warm}, after the SDK clients have
   * made a first call each, as (d) does, to show what the cold start costs.
   */
  static void devenv(URI endpoint, Path dir, int parallelism, boolean warm) {
    Profile profile = ProfileLoader.load(dir.resolve("bench.yaml"));
    try (AwsClients aws = clients(endpoint)) {
      if (warm) {
        aws.dynamo().describeTable(d -> d.tableName(TABLE));
        aws.s3().headBucket(h -> h.bucket(BUCKET));
        aws.sqs().getQueueUrl(q -> q.queueName(QUEUE));
        aws.ssm().describeParameters(d -> d.maxResults(1));
      }
      long start = System.nanoTime();
      SeedReport report = new Seeder(aws, Progress.to(new PrintWriter(System.err, true)), parallelism).seed(profile, false);
      long millis = (System.nanoTime() - start) / 1_000_000;
      System.out.println("RESULT devenv" + (warm ? "-warm" : "") + "-p" + parallelism + " " + millis + " loaded=" + report.loaded());
    }
  }

  /** (b) The loop a developer writes first: one SDK call per record, one after the other. */
  static void naive(URI endpoint, Path dir) throws IOException {
    try (AwsClients aws = clients(endpoint)) {
      long start = System.nanoTime();
      try (BufferedReader r = Files.newBufferedReader(dir.resolve("items.ndjson"))) {
        String line;
        while ((line = r.readLine()) != null) {
          Map<String, AttributeValue> item = item(JSON.readTree(line));
          aws.dynamo().putItem(p -> p.tableName(TABLE).item(item));
        }
      }
      Path root = dir.resolve("objects");
      for (Path f : files(root)) {
        aws.s3().putObject(p -> p.bucket(BUCKET).key(root.relativize(f).toString().replace('\\', '/')), RequestBody.fromFile(f));
      }
      String url = aws.sqs().getQueueUrl(q -> q.queueName(QUEUE)).queueUrl();
      for (String line : Files.readAllLines(dir.resolve("messages.ndjson"))) {
        JsonNode m = JSON.readTree(line);
        aws.sqs().sendMessage(s -> s.queueUrl(url).messageBody(m.get("body").asText()).messageAttributes(Map.of("priority",
            software.amazon.awssdk.services.sqs.model.MessageAttributeValue.builder().dataType("String")
                .stringValue(m.path("attributes").path("priority").asText()).build())));
      }
      System.out.println("RESULT naive " + (System.nanoTime() - start) / 1_000_000);
    }
  }

  /**
   * The emulator's limit for this data: the same batched requests devenv sends (BatchWriteItem of
   * 25, PutObject, SendMessageBatch of 10), built in advance, fired by {@code threads} threads with
   * no reading, checking or recording on the client side.
   */
  static void ceiling(URI endpoint, Path dir, int threads) throws Exception {
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    for (String line : Files.readAllLines(dir.resolve("items.ndjson"))) {
      items.add(item(JSON.readTree(line)));
    }
    Path root = dir.resolve("objects");
    List<Path> files = files(root);
    List<byte[]> contents = new ArrayList<>();
    for (Path f : files) {
      contents.add(Files.readAllBytes(f));
    }
    List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
    List<String> lines = Files.readAllLines(dir.resolve("messages.ndjson"));
    for (int i = 0; i < lines.size(); i++) {
      entries.add(SendMessageBatchRequestEntry.builder().id("m" + (i % 10)).messageBody(JSON.readTree(lines.get(i)).get("body").asText()).build());
    }
    try (AwsClients aws = clients(endpoint)) {
      String url = aws.sqs().getQueueUrl(q -> q.queueName(QUEUE)).queueUrl();
      List<Runnable> work = new ArrayList<>();
      for (int i = 0; i < items.size(); i += 25) {
        List<WriteRequest> batch = items.subList(i, Math.min(items.size(), i + 25)).stream()
            .map(it -> WriteRequest.builder().putRequest(p -> p.item(it)).build()).toList();
        work.add(() -> aws.dynamo().batchWriteItem(b -> b.requestItems(Map.of(TABLE, batch))));
      }
      for (int i = 0; i < files.size(); i++) {
        PutObjectRequest request = PutObjectRequest.builder().bucket(BUCKET).key(root.relativize(files.get(i)).toString()).build();
        byte[] body = contents.get(i);
        work.add(() -> aws.s3().putObject(request, RequestBody.fromBytes(body)));
      }
      for (int i = 0; i < entries.size(); i += 10) {
        List<SendMessageBatchRequestEntry> batch = entries.subList(i, Math.min(entries.size(), i + 10));
        work.add(() -> aws.sqs().sendMessageBatch(b -> b.queueUrl(url).entries(batch)));
      }
      // Warm the three clients so that their first-use cost is not counted as the emulator's.
      aws.dynamo().describeTable(d -> d.tableName(TABLE));
      aws.s3().headBucket(h -> h.bucket(BUCKET));
      aws.sqs().getQueueAttributes(g -> g.queueUrl(url));
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      long start = System.nanoTime();
      List<Future<?>> futures = new ArrayList<>();
      work.forEach(w -> futures.add(pool.submit(w)));
      for (Future<?> f : futures) {
        f.get();
      }
      System.out.println("RESULT ceiling-t" + threads + " " + (System.nanoTime() - start) / 1_000_000 + " requests=" + work.size());
      pool.shutdown();
    }
  }

  static void verify(URI endpoint, Path dir) throws IOException {
    String[] expected = Files.readString(dir.resolve("counts")).trim().split(" ");
    try (AwsClients aws = clients(endpoint)) {
      long items = aws.dynamo().scanPaginator(s -> s.tableName(TABLE).select("COUNT")).stream().mapToLong(p -> p.count()).sum();
      long objects = aws.s3().listObjectsV2Paginator(l -> l.bucket(BUCKET)).contents().stream().count();
      String url = aws.sqs().getQueueUrl(q -> q.queueName(QUEUE)).queueUrl();
      String messages = aws.sqs().getQueueAttributes(g -> g.queueUrl(url).attributeNamesWithStrings("ApproximateNumberOfMessages"))
          .attributesAsStrings().get("ApproximateNumberOfMessages");
      String actual = items + " " + objects + " " + messages;
      String wanted = String.join(" ", expected);
      System.out.println((actual.equals(wanted) ? "VERIFIED " : "MISMATCH ") + "items objects messages: " + actual + " (expected " + wanted + ")");
      if (!actual.equals(wanted)) {
        System.exit(1);
      }
    }
  }

  private static List<Path> files(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile).sorted().toList();
    }
  }

  private static Map<String, AttributeValue> item(JsonNode node) {
    Map<String, AttributeValue> item = new LinkedHashMap<>();
    node.properties().forEach(f -> item.put(f.getKey(), value(f.getValue())));
    return item;
  }

  private static AttributeValue value(JsonNode v) {
    if (v.isTextual()) {
      return AttributeValue.fromS(v.textValue());
    }
    if (v.isNumber()) {
      return AttributeValue.fromN(v.asText());
    }
    if (v.isBoolean()) {
      return AttributeValue.fromBool(v.booleanValue());
    }
    if (v.isArray()) {
      List<AttributeValue> l = new ArrayList<>();
      v.forEach(e -> l.add(value(e)));
      return AttributeValue.fromL(l);
    }
    if (v.isObject()) {
      return AttributeValue.fromM(item(v));
    }
    return AttributeValue.fromNul(true);
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
