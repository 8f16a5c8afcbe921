package io.devenv.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import io.devenv.profile.AwsSpec;
import io.devenv.profile.Origin;
import io.devenv.profile.ParameterSpec;
import io.devenv.profile.Profile;
import io.devenv.profile.SecretSpec;
import io.devenv.profile.SeedSpec;
import io.devenv.seed.SeedFileReader;
import io.devenv.seed.SeedRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The profile a restore seeds: the user's profile with its seed replaced by the checkpoint's
 * files (every declared bucket, table and queue) and its secret and parameter values replaced by
 * the saved ones, so the ordinary seeder, with reset, empties and loads exactly the checkpoint.
 */
final class CheckpointProfile {
  private CheckpointProfile() {}

  static Profile of(Profile p, Manifest m, Path dir, Path scratch) throws IOException {
    Origin origin = Origin.of(dir.resolve(Manifest.FILE));
    List<SeedSpec.BucketSeed> buckets = m.buckets().stream().map(b -> new SeedSpec.BucketSeed(origin, b.name(),
        dir.resolve("buckets").resolve(b.name()), "", dir.resolve("buckets").resolve(b.name() + ".objects.ndjson"))).toList();
    List<SeedSpec.TableSeed> tables = m.tables().stream()
        .map(t -> new SeedSpec.TableSeed(origin, t.name(), dir.resolve("tables").resolve(t.name() + ".ndjson"))).toList();
    List<SeedSpec.QueueSeed> queues = m.queues().stream()
        .map(q -> new SeedSpec.QueueSeed(origin, q.name(), dir.resolve("queues").resolve(q.name() + ".ndjson"))).toList();
    List<SecretSpec> secrets = new ArrayList<>();
    if (!m.secrets().isEmpty()) {
      for (SeedRecord r : SeedFileReader.read(dir.resolve(ValueSaver.SECRETS))) {
        JsonNode n = r.node();
        String name = n.get("name").asText();
        if (n.has("string")) {
          secrets.add(new SecretSpec(origin, name, n.get("string").asText(), null));
        } else {
          Path file = Files.createTempFile(scratch, "secret-", ".bin");
          Files.write(file, Base64.getDecoder().decode(n.get("binary").asText()));
          secrets.add(new SecretSpec(origin, name, null, file));
        }
      }
    }
    List<ParameterSpec> parameters = new ArrayList<>();
    if (!m.parameters().isEmpty()) {
      for (SeedRecord r : SeedFileReader.read(dir.resolve(ValueSaver.PARAMETERS))) {
        JsonNode n = r.node();
        parameters.add(new ParameterSpec(origin, n.get("name").asText(), n.get("value").asText(), null,
            ParameterSpec.Type.valueOf(n.get("type").asText())));
      }
    }
    AwsSpec a = p.aws();
    AwsSpec aws = new AwsSpec(a.origin(), a.emulator(), a.image(), a.region(), a.endpoint(), a.port(), a.healthPath(),
        a.buckets(), a.queues(), a.topics(), a.tables(), a.streams(), secrets, parameters, a.terraform());
    return new Profile(p.origin(), p.name(), p.description(), p.extendsFiles(), p.variables(), aws, p.kubernetes(),
        new SeedSpec(buckets, tables, queues, List.of()));
  }

  /** Only the bucket seeds: the first of two runs when bucket notifications must be off while objects load. */
  static Profile bucketsOnly(Profile p) {
    AwsSpec a = p.aws();
    AwsSpec aws = new AwsSpec(a.origin(), a.emulator(), a.image(), a.region(), a.endpoint(), a.port(), a.healthPath(),
        a.buckets(), a.queues(), a.topics(), a.tables(), a.streams(), List.of(), List.of(), a.terraform());
    return new Profile(p.origin(), p.name(), p.description(), p.extendsFiles(), p.variables(), aws, p.kubernetes(),
        new SeedSpec(p.seed().buckets(), List.of(), List.of(), List.of()));
  }

  /** Everything but the bucket seeds: the second run. */
  static Profile withoutBuckets(Profile p) {
    SeedSpec s = p.seed();
    return new Profile(p.origin(), p.name(), p.description(), p.extendsFiles(), p.variables(), p.aws(), p.kubernetes(),
        new SeedSpec(List.of(), s.tables(), s.queues(), s.configMaps()));
  }
}
