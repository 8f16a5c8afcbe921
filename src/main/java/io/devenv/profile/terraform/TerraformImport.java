package io.devenv.profile.terraform;

import com.bertramlabs.plugins.hcl4j.symbols.HCLAttribute;
import com.bertramlabs.plugins.hcl4j.symbols.Symbol;
import io.devenv.core.Reads;
import io.devenv.profile.AwsSpec;
import io.devenv.profile.BucketSpec;
import io.devenv.profile.Origin;
import io.devenv.profile.ParameterSpec;
import io.devenv.profile.Problem;
import io.devenv.profile.Profile;
import io.devenv.profile.QueueSpec;
import io.devenv.profile.SecretSpec;
import io.devenv.profile.StreamSpec;
import io.devenv.profile.TableSpec;
import io.devenv.profile.TerraformSource;
import io.devenv.profile.TopicSpec;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Reads the Terraform directories a profile names ({@code aws.terraform}) and adds their
 * resources to the profile's {@code aws} section, so that everything downstream sees ordinary
 * records. Called by the profile loader before the profile is validated.
 */
public final class TerraformImport {

  /** What one Terraform directory declares, as profile records, and what devenv does not create. */
  public record Resources(List<BucketSpec> buckets, List<QueueSpec> queues, List<TopicSpec> topics,
      List<TableSpec> tables, List<StreamSpec> streams, List<SecretSpec> secrets, List<ParameterSpec> parameters,
      List<NotEmulated> notEmulated) {}

  /** What the loader found beside the last profile it made, so that up and plan do not read its Terraform again. */
  private record Known(Profile profile, List<NotEmulated> notEmulated) {}

  // By identity: a profile is immutable, and the list was read from the same files at the same time.
  private static volatile Known last;

  private TerraformImport() {}

  /** Remembers what {@code profile}'s Terraform does not emulate, as the loader found it when it made the profile. */
  public static void remember(Profile profile, List<NotEmulated> notEmulated) {
    last = new Known(profile, List.copyOf(notEmulated));
  }

  /**
   * Reads one directory.
   *
   * @throws TerraformException located at the .tf (or .tfvars) line that cannot be read or evaluated
   */
  public static Resources read(TerraformSource source, String region) {
    return read(source, region, Reads.NONE);
  }

  /** {@link #read(TerraformSource, String)}, telling {@code reads} every file and directory it reads. */
  static Resources read(TerraformSource source, String region, Reads reads) {
    Path dir = source.path();
    Map<String, Object> values = new LinkedHashMap<>();
    List<Path> varFiles = new ArrayList<>();
    Path defaults = dir.resolve("terraform.tfvars");
    reads.listed(dir);
    if (Files.isRegularFile(defaults)) {
      varFiles.add(defaults);
    }
    try (Stream<Path> listing = Files.list(dir)) {
      listing.filter(f -> f.getFileName().toString().endsWith(".auto.tfvars") && Files.isRegularFile(f)).sorted().forEach(varFiles::add);
    } catch (IOException e) {
      throw new TerraformException(source.origin(), "cannot list " + Origin.display(dir) + ": " + e.getMessage());
    }
    varFiles.addAll(source.varFiles());
    for (Path file : varFiles) {
      reads.read(file);
      values.putAll(tfvars(file));
    }
    source.vars().forEach((k, v) -> values.put(k, fromYaml(v)));
    TerraformModule module = new TerraformModule(dir, "", region, values, source.origin(), reads);
    return new AwsMapping(module.instances(), module.notEmulated()).map();
  }

  /** A .tfvars file: top-level assignments of values (no references). */
  static Map<String, Object> tfvars(Path file) {
    Scope scope = new Scope(file, (path, at) -> {
      throw new TerraformException(at, "a .tfvars file holds values only; it cannot refer to " + path.get(0));
    });
    Map<String, Object> out = new LinkedHashMap<>();
    for (Symbol symbol : HclReader.read(file)) {
      if (!(symbol instanceof HCLAttribute a) || a.getName() == null) {
        throw new TerraformException(scope.origin(symbol), "a .tfvars file holds only assignments (name = value)");
      }
      out.put(a.getName(), Expressions.eval(a, scope));
    }
    return out;
  }

  private static Object fromYaml(Object value) {
    if (value instanceof Number n) {
      return new BigDecimal(n.toString());
    }
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, v) -> out.put(String.valueOf(k), fromYaml(v)));
      return out;
    }
    if (value instanceof List<?> l) {
      return new ArrayList<>(l.stream().map(TerraformImport::fromYaml).toList());
    }
    return value;
  }

  /**
   * The profile's aws section with every Terraform directory's resources added. A resource
   * declared twice (in the profile and in Terraform, or in two directories) is a problem naming both places.
   */
  public static AwsSpec apply(AwsSpec aws, List<Problem> problems) {
    return apply(aws, problems, Reads.NONE, new ArrayList<>());
  }

  /**
   * {@link #apply(AwsSpec, List)}, telling {@code reads} every file and directory read, and adding to
   * {@code notEmulated} what the directories declare that devenv does not create.
   */
  public static AwsSpec apply(AwsSpec aws, List<Problem> problems, Reads reads, List<NotEmulated> notEmulated) {
    if (aws.terraform().isEmpty()) {
      return aws;
    }
    List<BucketSpec> buckets = new ArrayList<>(aws.buckets());
    List<QueueSpec> queues = new ArrayList<>(aws.queues());
    List<TopicSpec> topics = new ArrayList<>(aws.topics());
    List<TableSpec> tables = new ArrayList<>(aws.tables());
    List<StreamSpec> streams = new ArrayList<>(aws.streams());
    List<SecretSpec> secrets = new ArrayList<>(aws.secrets());
    List<ParameterSpec> parameters = new ArrayList<>(aws.parameters());
    for (TerraformSource source : aws.terraform()) {
      if (source.path() == null || !Files.isDirectory(source.path())) {
        continue; // already reported by the binder (required, must exist)
      }
      Resources r;
      try {
        r = read(source, aws.region(), reads);
      } catch (TerraformException e) {
        problems.add(new Problem(e.origin(), e.getMessage()));
        continue;
      }
      notEmulated.addAll(r.notEmulated());
      add(buckets, r.buckets(), BucketSpec::name, BucketSpec::origin, "bucket", problems);
      add(queues, r.queues(), QueueSpec::name, QueueSpec::origin, "queue", problems);
      add(topics, r.topics(), TopicSpec::name, TopicSpec::origin, "topic", problems);
      add(tables, r.tables(), TableSpec::name, TableSpec::origin, "table", problems);
      add(streams, r.streams(), StreamSpec::name, StreamSpec::origin, "stream", problems);
      add(secrets, r.secrets(), SecretSpec::name, SecretSpec::origin, "secret", problems);
      add(parameters, r.parameters(), ParameterSpec::name, ParameterSpec::origin, "parameter", problems);
    }
    return new AwsSpec(aws.origin(), aws.emulator(), aws.image(), aws.region(), aws.endpoint(), aws.port(),
        aws.healthPath(), List.copyOf(buckets), List.copyOf(queues), List.copyOf(topics), List.copyOf(tables),
        List.copyOf(streams), List.copyOf(secrets), List.copyOf(parameters), aws.terraform());
  }

  private static <T> void add(List<T> into, List<T> more, Function<T, String> name, Function<T, Origin> origin, String kind,
      List<Problem> problems) {
    for (T item : more) {
      T earlier = into.stream().filter(o -> name.apply(o).equals(name.apply(item))).findFirst().orElse(null);
      if (earlier != null) {
        problems.add(new Problem(origin.apply(earlier), kind + " '" + name.apply(item) + "' is declared both here and in "
            + where(origin.apply(item)) + "; keep one of them"));
      } else {
        into.add(item);
      }
    }
  }

  private static String where(Origin origin) {
    return origin.displayFile() + ":" + origin.line();
  }

  /**
   * What the profile's Terraform declares that devenv does not create (IAM, Lambda, data sources,
   * remote modules...), read again from the directories. Empty when the profile names none.
   */
  public static List<NotEmulated> notEmulated(Profile profile) {
    Known known = last;
    if (known != null && known.profile() == profile) {
      return known.notEmulated();
    }
    List<NotEmulated> out = new ArrayList<>();
    for (TerraformSource source : profile.aws().terraform()) {
      if (source.path() == null) {
        continue;
      }
      out.addAll(read(source, profile.aws().region()).notEmulated());
    }
    return out;
  }
}
