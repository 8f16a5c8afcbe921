package io.devenv.bench;

import io.devenv.aws.AwsClients;
import io.devenv.aws.AwsProvisioner;
import io.devenv.checkpoint.CheckpointName;
import io.devenv.checkpoint.CheckpointRestorer;
import io.devenv.checkpoint.CheckpointSaver;
import io.devenv.checkpoint.CheckpointStore;
import io.devenv.checkpoint.Manifest;
import io.devenv.core.Progress;
import io.devenv.profile.Profile;
import io.devenv.profile.ProfileLoader;
import io.devenv.seed.SeedReport;
import io.devenv.seed.Seeder;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The checkpoint benchmark: saves the data {@link SeedBenchmark} generated and seeded, changes
 * it, and restores it; or re-provisions and re-seeds it from an emptied emulator, the way to get
 * back to a known state without checkpoints. One way per invocation, printing "RESULT name millis".
 */
public final class CheckpointBenchmark {
  static final CheckpointName NAME = new CheckpointName("bench");

  public static void main(String[] args) throws Exception {
    URI endpoint = URI.create(args[1]);
    Path data = Path.of(args[2]);
    Profile profile = ProfileLoader.load(data.resolve("bench.yaml"));
    switch (args[0]) {
      case "save" -> save(endpoint, profile, Path.of(args[3]));
      case "dirty" -> dirty(endpoint);
      case "restore" -> restore(endpoint, profile, Path.of(args[3]), Integer.parseInt(args[4]));
      case "reprovision" -> reprovision(endpoint, profile, Integer.parseInt(args[3]));
      default -> throw new IllegalArgumentException("unknown mode " + args[0]);
    }
  }

  static Progress progress() {
    return Progress.to(new PrintWriter(System.err, true));
  }

  static void save(URI endpoint, Profile profile, Path project) {
    try (AwsClients aws = SeedBenchmark.clients(endpoint)) {
      long start = System.nanoTime();
      Manifest m = new CheckpointSaver(aws, new CheckpointStore(project), progress(), "bench").save(profile, NAME);
      System.out.println("RESULT save " + (System.nanoTime() - start) / 1_000_000 + " " + m.summary());
    }
  }

  /** What a test run does to the data: some items rewritten and added, objects replaced, messages consumed. */
  static void dirty(URI endpoint) {
    try (AwsClients aws = SeedBenchmark.clients(endpoint)) {
      for (int i = 0; i < 200; i++) {
        String id = String.format("user-%05d", i * 37);
        aws.dynamo().putItem(r -> r.tableName(SeedBenchmark.TABLE).item(Map.of("id", AttributeValue.fromS(id),
            "plan", AttributeValue.fromS("changed"))));
        aws.dynamo().putItem(r -> r.tableName(SeedBenchmark.TABLE).item(Map.of("id", AttributeValue.fromS("new-" + id))));
      }
      for (int i = 0; i < 50; i++) {
        String key = "dir-" + (i % 20) + "/object-" + i + (i % 2 == 0 ? ".json" : ".bin");
        aws.s3().putObject(r -> r.bucket(SeedBenchmark.BUCKET).key(key), RequestBody.fromString("changed"));
      }
      String url = aws.sqs().getQueueUrl(q -> q.queueName(SeedBenchmark.QUEUE)).queueUrl();
      for (int i = 0; i < 30; i++) {
        aws.sqs().receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10)).messages()
            .forEach(m -> aws.sqs().deleteMessage(d -> d.queueUrl(url).receiptHandle(m.receiptHandle())));
      }
      System.out.println("dirtied: 200 items changed, 200 added, 50 objects replaced, up to 300 messages consumed");
    }
  }

  static void restore(URI endpoint, Profile profile, Path project, int parallelism) {
    try (AwsClients aws = SeedBenchmark.clients(endpoint)) {
      long start = System.nanoTime();
      SeedReport report = new CheckpointRestorer(aws, new CheckpointStore(project), progress(), parallelism).restore(profile, NAME);
      System.out.println("RESULT restore " + (System.nanoTime() - start) / 1_000_000 + " loaded=" + report.loaded());
    }
  }

  /** Without checkpoints: empty the emulator, create the resources, seed them (the emulator's own start excluded). */
  static void reprovision(URI endpoint, Profile profile, int parallelism) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    try (AwsClients aws = SeedBenchmark.clients(endpoint)) {
      long start = System.nanoTime();
      HttpResponse<Void> reset = http.send(HttpRequest.newBuilder(endpoint.resolve("/_ministack/reset"))
          .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
      if (reset.statusCode() != 200) {
        throw new IllegalStateException("reset answered " + reset.statusCode());
      }
      new AwsProvisioner(aws, progress()).provision(profile);
      SeedReport report = new Seeder(aws, progress(), parallelism).seed(profile, false);
      System.out.println("RESULT reprovision " + (System.nanoTime() - start) / 1_000_000 + " loaded=" + report.loaded());
    }
  }

  private CheckpointBenchmark() {}

}
