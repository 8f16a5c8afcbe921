package io.devenv.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devenv.core.CheckCache;
import io.devenv.profile.terraform.NotEmulated;
import io.devenv.profile.terraform.TerraformImport;
import io.devenv.testing.TestFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loaded profile kept in the check cache, on a copy of the sample platform's real files (profiles/,
 * .ci/profiles/, fixtures/ with its .cloud Terraform): served when nothing changed, loaded afresh on
 * every kind of change that could change it, never an error, never a profile with problems.
 */
class ProfileCacheTest {
  /** Files are trusted once this old here (in production: {@link CheckCache#SETTLE_NANOS}). */
  private static final long SETTLE = TimeUnit.MILLISECONDS.toNanos(30);
  private static final FileTime MARK = FileTime.fromMillis(946_684_800_000L);

  @TempDir
  Path root;

  private Path cacheDir;
  private final Map<String, String> environment = new HashMap<>();

  @BeforeEach
  void copySamplePlatform() throws Exception {
    for (String dir : List.of("profiles", "fixtures", ".ci/profiles")) {
      TestFiles.copyTree(Path.of(dir), root.resolve(dir));
    }
    cacheDir = root.resolve(".devenv/cache");
    settle();
  }

  /** One run of devenv: a cache of its own (the per-run memory starts empty), the test's environment. */
  private Profile load(String profile) {
    return ProfileLoader.load(root.resolve(profile), CheckCache.at(cacheDir, SETTLE), environment);
  }

  /** The profile read from its files, without any cache. */
  private Profile fresh(String profile) {
    return new ProfileLoader(environment).loadFile(root.resolve(profile));
  }

  @Test
  @DisplayName("An unchanged profile is served from the cache, equal to the loaded one, with its not-emulated list")
  void unchangedIsServed() throws Exception {
    Profile first = load("profiles/default.yaml");
    List<NotEmulated> notEmulated = TerraformImport.notEmulated(first);
    markEntry();

    Profile second = load("profiles/default.yaml");

    assertThat(served()).as("the entry was read, not rewritten").isTrue();
    assertThat(second).as("the cached profile").isNotSameAs(first).isEqualTo(first).isEqualTo(fresh("profiles/default.yaml"));
    assertThat(TerraformImport.notEmulated(second)).as("what the Terraform does not emulate, kept beside it")
        .isNotEmpty().isEqualTo(notEmulated);
  }

  @Test
  @DisplayName("Every sample profile comes back from the cache equal to the one read from its files")
  void everySampleProfileRoundTrips() throws Exception {
    List<String> names;
    try (Stream<Path> list = Files.list(root.resolve("profiles"))) {
      names = list.map(p -> "profiles/" + p.getFileName()).sorted().toList();
    }
    int checked = 0;
    for (String name : Stream.concat(names.stream(), Stream.of(".ci/profiles/aws-local.yaml")).toList()) {
      Profile expected;
      try {
        expected = fresh(name);
      } catch (ProfileException e) {
        continue; // base.yaml is not a profile on its own: nothing to keep
      }
      load(name);
      Profile cached = load(name);
      assertThat(cached).as(name).isEqualTo(expected);
      assertThat(TerraformImport.notEmulated(cached)).as(name + ": not emulated")
          .isEqualTo(TerraformImport.notEmulated(fresh(name)));
      checked++;
    }
    assertThat(checked).as("profiles compared").isGreaterThanOrEqualTo(10);
    try (Stream<Path> entries = Files.list(cacheDir)) {
      assertThat(entries.filter(e -> e.getFileName().toString().startsWith("profile-"))).hasSize(checked);
    }
  }

  @Test
  @DisplayName("An edit to the profile itself is loaded afresh")
  void profileEdited() throws Exception {
    assertChangeSeen("profiles/default.yaml", () -> replace("profiles/default.yaml", "The sample VOD platform",
        "The edited platform"), p -> assertThat(p.description()).startsWith("The edited platform"));
  }

  @Test
  @DisplayName("An edit to a file it extends, two levels down, is loaded afresh")
  void extendedFileEdited() throws Exception {
    assertChangeSeen(".ci/profiles/aws-local.yaml", () -> replace("profiles/base.yaml", "region: eu-west-3",
        "region: eu-west-1"), p -> assertThat(p.aws().region()).isEqualTo("eu-west-1"));
  }

  @Test
  @DisplayName("An edit to a .tf file is loaded afresh")
  void terraformEdited() throws Exception {
    assertChangeSeen("profiles/default.yaml", () -> replace("fixtures/user-preferences/.cloud/terraform/main.tf",
        "attribute_name = \"expiresAt\"", "attribute_name = \"expiry\""),
        p -> assertThat(table(p, "user-preferences").ttl()).isEqualTo("expiry"));
  }

  @Test
  @DisplayName("A .tf file added to a Terraform directory is read: its resources and its data sources appear")
  void terraformFileAdded() throws Exception {
    assertChangeSeen("profiles/default.yaml", () -> Files.writeString(
        root.resolve("fixtures/time-api/.cloud/terraform/extra.tf"), """
            resource "aws_sqs_queue" "extra" {
              name = "extra-jobs"
            }
            data "aws_caller_identity" "me" {}
            """), p -> {
          assertThat(p.aws().queues()).extracting(QueueSpec::name).contains("extra-jobs");
          assertThat(TerraformImport.notEmulated(p)).extracting(NotEmulated::toString)
              .contains("data.aws_caller_identity.me (extra.tf:4)");
        });
  }

  @Test
  @DisplayName("A .tf file removed from a Terraform directory takes its resources with it")
  void terraformFileRemoved() throws Exception {
    Path extra = root.resolve("fixtures/time-api/.cloud/terraform/extra.tf");
    Files.writeString(extra, "resource \"aws_sqs_queue\" \"extra\" {\n  name = \"extra-jobs\"\n}\n");
    settle();
    assertChangeSeen("profiles/default.yaml", () -> Files.delete(extra),
        p -> assertThat(p.aws().queues()).extracting(QueueSpec::name).doesNotContain("extra-jobs"));
  }

  @Test
  @DisplayName("An edit to a local module's .tf file is loaded afresh")
  void moduleEdited() throws Exception {
    assertChangeSeen("profiles/default.yaml", () -> replace("fixtures/events-collector/.cloud/terraform/modules/queue/main.tf",
        "-dlq${local.suffix}", "-dead${local.suffix}"),
        p -> assertThat(p.aws().queues()).extracting(QueueSpec::name).contains("orders-dead.fifo"));
  }

  @Test
  @DisplayName("An edit to a .tfvars file the profile names is loaded afresh")
  void tfvarsEdited() throws Exception {
    assertChangeSeen("profiles/default.yaml", () -> replace("fixtures/images/.cloud/terraform/local.tfvars",
        "http://localhost:3000", "http://localhost:4000"),
        p -> assertThat(p.aws().buckets()).flatExtracting(BucketSpec::cors)
            .flatExtracting(BucketSpec.CorsRule::allowedOrigins).contains("http://localhost:4000"));
  }

  @Test
  @DisplayName("A terraform.tfvars added beside the .tf files is read")
  void terraformTfvarsAdded() throws Exception {
    assertChangeSeen("profiles/default.yaml", () -> Files.writeString(
        root.resolve("fixtures/images/.cloud/terraform/terraform.tfvars"), "max_receive_count = 9\n"),
        p -> assertThat(queue(p, "thumbnails").deadLetter().maxReceiveCount()).isEqualTo(9));
  }

  @Test
  @DisplayName("An edit to a file read by Terraform's file() is loaded afresh")
  void fileFunctionTargetEdited() throws Exception {
    assertChangeSeen("profiles/default.yaml", () -> Files.writeString(root.resolve("fixtures/catalog-api/secrets/key.pem"),
        "-----BEGIN PRIVATE KEY-----\nedited\n-----END PRIVATE KEY-----\n"),
        p -> assertThat(p.aws().secrets()).filteredOn(s -> s.name().equals("catalog/tls-key"))
            .singleElement().satisfies(s -> assertThat(String.valueOf(s.value())).contains("edited")));
  }

  @Test
  @DisplayName("An environment variable the profile reads, set, changed or unset, is loaded afresh")
  void environmentChanged() throws Exception {
    assertChangeSeen("profiles/default.yaml", () -> environment.put("DB_PASSWORD", "from-env-1"),
        p -> assertThat(secret(p, "catalog/db")).contains("from-env-1"));
    assertChangeSeen("profiles/default.yaml", () -> environment.put("DB_PASSWORD", "from-env-2"),
        p -> assertThat(secret(p, "catalog/db")).contains("from-env-2"));
    assertChangeSeen("profiles/default.yaml", () -> environment.put("stage", "qa"),
        p -> assertThat(p.variables()).containsEntry("stage", "qa"));
    assertChangeSeen("profiles/default.yaml", () -> environment.remove("DB_PASSWORD"),
        p -> assertThat(secret(p, "catalog/db")).contains("devpass"));
  }

  @Test
  @DisplayName("A seed file removed, or a seed directory replaced by a file, is reported on every run, never served")
  void namedPathsMissing() throws Exception {
    load("profiles/default.yaml");
    Files.delete(root.resolve("fixtures/events-collector/seed/orders.ndjson"));
    for (int run = 0; run < 2; run++) {
      assertThatThrownBy(() -> load("profiles/default.yaml")).isInstanceOf(ProfileException.class)
          .hasMessageContaining("orders.ndjson");
    }
    Files.writeString(root.resolve("fixtures/events-collector/seed/orders.ndjson"), "{\"body\":\"x\"}\n");
    Path objects = root.resolve("fixtures/images/seed/objects");
    Files.move(objects, root.resolve("objects-moved"));
    Files.writeString(objects, "not a directory");
    settle();
    for (int run = 0; run < 2; run++) {
      assertThatThrownBy(() -> load("profiles/default.yaml")).isInstanceOf(ProfileException.class)
          .hasMessageContaining("objects");
    }
  }

  @Test
  @DisplayName("A profile with problems is never kept: each run reads it and reports them all")
  void problemsNeverKept() throws Exception {
    Files.writeString(root.resolve("profiles/broken.yaml"), "extends: base.yaml\naws:\n  queues:\n    - name: q\n      colour: red\n");
    settle();
    for (int run = 0; run < 2; run++) {
      assertThatThrownBy(() -> load("profiles/broken.yaml")).isInstanceOf(ProfileException.class)
          .hasMessageContaining("unknown key 'colour'");
    }
    assertThat(cacheDir).as("no entry for a profile with problems").doesNotExist();
  }

  @Test
  @DisplayName("A damaged entry, or a cache that cannot be written, costs only the speed-up")
  void damagedOrUnwritable() throws Exception {
    Profile expected = fresh("profiles/default.yaml");
    load("profiles/default.yaml");
    Path entry = entry();
    for (String damage : List.of("", "{", "{\"key\":\"x\",\"files\":[],\"variables\":[],\"value\":{}}", "[1,2]")) {
      Files.writeString(entry, damage);
      assertThat(load("profiles/default.yaml")).as("after an entry of '" + damage + "'").isEqualTo(expected);
    }
    deleteTree(cacheDir);
    Files.createDirectories(cacheDir.getParent());
    Files.writeString(cacheDir, "a file where the cache directory would be");
    assertThat(load("profiles/default.yaml")).isEqualTo(expected);
    assertThat(ProfileLoader.load(root.resolve("profiles/default.yaml"), CheckCache.none(), environment)).isEqualTo(expected);
  }

  @Test
  @DisplayName("With the cache off (DEVENV_CACHE=off gives CheckCache.none()) every load reads the files and nothing is written")
  void cacheOff() {
    Profile expected = fresh("profiles/default.yaml");
    for (int run = 0; run < 2; run++) {
      assertThat(ProfileLoader.load(root.resolve("profiles/default.yaml"), CheckCache.none(), environment)).isEqualTo(expected);
    }
    assertThat(root.resolve(".devenv")).as("nothing written").doesNotExist();
  }

  /** Loads (kept), marks the entry, changes something, loads again: the change must show, as a fresh load has it. */
  private void assertChangeSeen(String profile, Change change, java.util.function.Consumer<Profile> seen) throws Exception {
    Profile before = load(profile);
    assertThat(load(profile)).as("served before the change").isEqualTo(before);
    change.apply();
    Profile after = load(profile);
    assertThat(after).as("loaded after the change").isNotEqualTo(before).isEqualTo(fresh(profile));
    seen.accept(after);
    settle();
  }

  interface Change {
    void apply() throws Exception;
  }

  private Path entry() throws IOException {
    try (Stream<Path> list = Files.list(cacheDir)) {
      return list.filter(f -> f.getFileName().toString().startsWith("profile-")).findFirst().orElseThrow();
    }
  }

  private void markEntry() throws IOException {
    Files.setLastModifiedTime(entry(), MARK);
  }

  private boolean served() throws IOException {
    return Files.getLastModifiedTime(entry()).equals(MARK);
  }

  private void replace(String file, String from, String to) throws IOException {
    Path path = root.resolve(file);
    String text = Files.readString(path);
    assertThat(text).as(file).contains(from);
    Files.writeString(path, text.replace(from, to));
  }

  private static TableSpec table(Profile p, String name) {
    return p.aws().tables().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
  }

  private static QueueSpec queue(Profile p, String name) {
    return p.aws().queues().stream().filter(q -> q.name().equals(name)).findFirst().orElseThrow();
  }

  private static String secret(Profile p, String name) {
    return String.valueOf(p.aws().secrets().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow().value());
  }

  private static void settle() throws InterruptedException {
    Thread.sleep(TimeUnit.NANOSECONDS.toMillis(SETTLE) * 3);
  }


  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
