package io.devenv.checkpoint;

import io.devenv.aws.AwsClients;
import io.devenv.aws.AwsErrors;
import io.devenv.core.DevenvException;
import io.devenv.core.Progress;
import io.devenv.kubernetes.SeededConfigMaps;
import io.devenv.profile.BucketSpec;
import io.devenv.profile.ParameterSpec;
import io.devenv.profile.Profile;
import io.devenv.profile.QueueSpec;
import io.devenv.profile.SecretSpec;
import io.devenv.profile.TableSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code devenv checkpoint save}: reads the data of every resource the profile declares into a
 * new checkpoint, written in a temporary directory and renamed into place only when complete.
 */
public final class CheckpointSaver {
  static final int DOWNLOADS = 16;

  private final AwsClients aws;
  private final CheckpointStore store;
  private final Progress progress;
  private final String devenvVersion;
  private final SeededConfigMaps configMaps;

  public CheckpointSaver(AwsClients aws, CheckpointStore store, Progress progress, String devenvVersion) {
    this(aws, store, progress, devenvVersion, null);
  }

  /** @param configMaps the cluster's seeded ConfigMaps; null when the profile seeds none or has no cluster */
  public CheckpointSaver(AwsClients aws, CheckpointStore store, Progress progress, String devenvVersion,
      SeededConfigMaps configMaps) {
    this.aws = aws;
    this.store = store;
    this.progress = progress;
    this.devenvVersion = devenvVersion;
    this.configMaps = configMaps;
  }

  public Manifest save(Profile profile, CheckpointName name) {
    aws.checkReachable();
    Path temp = null;
    ExecutorService pool = Executors.newFixedThreadPool(DOWNLOADS, r -> {
      Thread t = new Thread(r, "devenv-checkpoint-download");
      t.setDaemon(true);
      return t;
    });
    try {
      temp = store.begin(name);
      Manifest manifest = write(profile, temp, pool);
      manifest.write(temp);
      store.commit(temp, name);
      temp = null;
      return manifest;
    } catch (IOException e) {
      throw DevenvException.failure("cannot write checkpoint " + name + " in " + store.root() + " (" + e.getMessage() + ")", e);
    } finally {
      pool.shutdownNow();
      if (temp != null) {
        try {
          CheckpointStore.delete(temp);
        } catch (IOException e) {
          // A leftover hidden temporary directory is harmless: list and restore ignore it.
        }
      }
    }
  }

  private Manifest write(Profile profile, Path dir, ExecutorService pool) throws IOException {
    List<Manifest.Bucket> buckets = new ArrayList<>();
    List<Manifest.Table> tables = new ArrayList<>();
    List<Manifest.Queue> queues = new ArrayList<>();
    BucketSaver bucketSaver = new BucketSaver(aws.s3(), pool, progress);
    for (BucketSpec b : profile.aws().buckets()) {
      Path tree = Files.createDirectories(dir.resolve("buckets")).resolve(b.name());
      buckets.add(step("bucket " + b.name(), () -> bucketSaver.save(b.name(), tree, dir.resolve("buckets").resolve(b.name() + ".objects.ndjson")),
          m -> m.objects() + " objects, " + m.bytes() + " bytes"));
    }
    TableSaver tableSaver = new TableSaver(aws.dynamo(), progress);
    for (TableSpec t : profile.aws().tables()) {
      Path file = Files.createDirectories(dir.resolve("tables")).resolve(t.name() + ".ndjson");
      tables.add(step("table " + t.name(), () -> tableSaver.save(t.name(), file), m -> m.items() + " items"));
    }
    QueueSaver queueSaver = new QueueSaver(aws.sqs(), progress);
    for (QueueSpec q : profile.aws().queues()) {
      Path file = Files.createDirectories(dir.resolve("queues")).resolve(q.name() + ".ndjson");
      queues.add(step("queue " + q.name(), () -> queueSaver.save(q.name(), file),
          m -> m.messages() + " messages" + (m.notSaved() > 0 ? ", " + m.notSaved() + " in flight not saved" : "")));
    }
    ValueSaver values = new ValueSaver(aws);
    List<String> secretNames = profile.aws().secrets().stream().map(SecretSpec::name).toList();
    List<String> parameterNames = profile.aws().parameters().stream().map(ParameterSpec::name).toList();
    List<Manifest.Value> secrets = secretNames.isEmpty() ? List.of()
        : step(secretNames.size() + " secrets", () -> values.secrets(secretNames, dir), l -> "saved");
    List<Manifest.Value> parameters = parameterNames.isEmpty() ? List.of()
        : step(parameterNames.size() + " parameters", () -> values.parameters(parameterNames, dir), l -> "saved");
    List<Manifest.ConfigMap> maps = new ArrayList<>();
    for (SeededConfigMaps.Ref ref : configMaps == null ? List.<SeededConfigMaps.Ref>of() : SeededConfigMaps.declared(profile)) {
      maps.add(step("ConfigMap " + ref, () -> ConfigMapFiles.write(dir, ref, configMaps.read(ref)), m -> m.keys() + " keys"));
    }
    return new Manifest(Manifest.FORMAT, profile.name(), devenvVersion, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
        buckets, tables, queues, secrets, parameters, maps);
  }

  interface Work<T> {
    T run() throws IOException;
  }

  private <T> T step(String what, Work<T> work, java.util.function.Function<T, String> outcome) throws IOException {
    Progress.Step step = progress.start("save " + what);
    try {
      T result = work.run();
      step.done(outcome.apply(result));
      return result;
    } catch (IOException e) {
      step.failed(e.getMessage());
      throw e;
    } catch (RuntimeException e) {
      DevenvException wrapped = e instanceof DevenvException d ? d : AwsErrors.wrap("save", what, aws.endpoint(), e);
      step.failed(wrapped.getMessage());
      throw wrapped;
    }
  }
}
