package io.devenv.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.devenv.core.CheckCache;
import io.devenv.core.ExitCode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * validate and plan through the command line with their cache (.devenv/cache): the same output from the
 * cache as without it, and every change to a seed file or manifest checked again.
 */
class CheckCacheCliTest {
  private static final String PROFILE = """
      aws:
        queues:
          - name: jobs
      seed:
        queues:
          - queue: jobs
            from: seed/jobs.ndjson
      kubernetes:
        namespace: shop
        manifests: [k8s]
      """;
  private static final String DEPLOYMENT = """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        replicas: 2
        selector:
          matchLabels: {app: web}
        template:
          metadata:
            labels: {app: web}
          spec:
            containers:
              - name: web
                image: nginx:1.27
      """;

  @TempDir
  static Path projects;

  record Run(int code, String out, String err) {}

  /** One project per test, written once and left to settle: the cache trusts only files older than its settle time. */
  @BeforeAll
  static void writeProjects() throws Exception {
    for (String name : List.of("hit", "plan", "seed", "manifest", "corrupt")) {
      Path p = projects.resolve(name);
      Files.createDirectories(p.resolve("seed"));
      Files.createDirectories(p.resolve("k8s"));
      Files.writeString(p.resolve("app.yaml"), PROFILE);
      Files.writeString(p.resolve("seed/jobs.ndjson"), "{\"n\":1}\n{\"n\":2}\n{\"n\":3}\n");
      Files.writeString(p.resolve("k8s/app.yaml"), DEPLOYMENT);
    }
    Thread.sleep(CheckCache.SETTLE_NANOS / 1_000_000 + 300);
  }

  private static Run devenv(String project, String... command) {
    Path p = projects.resolve(project);
    List<String> args = new java.util.ArrayList<>(List.of("--project-dir", p.toString()));
    args.addAll(List.of(command));
    args.addAll(List.of("-p", p.resolve("app.yaml").toString()));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), args.toArray(String[]::new));
    return new Run(code, out.toString(), err.toString());
  }

  private static List<Path> entries(String project) throws IOException {
    Path cache = projects.resolve(project).resolve(".devenv/cache");
    if (!Files.isDirectory(cache)) {
      return List.of();
    }
    try (Stream<Path> list = Files.list(cache)) {
      return list.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
    }
  }

  /** Marks every entry, so that a later rewrite (a miss) shows. */
  private static void markEntries(String project, FileTime mark) throws IOException {
    for (Path e : entries(project)) {
      Files.setLastModifiedTime(e, mark);
    }
  }

  @Test
  @DisplayName("validate answered from the cache prints exactly what it printed when it read every file")
  void validateHitEqualsMiss() throws Exception {
    Run miss = devenv("hit", "validate");
    assertThat(miss.code()).as(miss.err()).isEqualTo(ExitCode.OK);
    assertThat(entries("hit")).as("a profile, a seed-file and a manifests entry").hasSize(3);
    FileTime mark = FileTime.fromMillis(946_684_800_000L);
    markEntries("hit", mark);

    Run hit = devenv("hit", "validate");

    assertThat(hit).as("same exit, same output").isEqualTo(miss);
    assertThat(entries("hit")).as("served from the entries, not rewritten")
        .allSatisfy(e -> assertThat(Files.getLastModifiedTime(e)).isEqualTo(mark));
  }

  @Test
  @DisplayName("plan answered from the cache prints the same steps, seed counts and objects as when it read every file")
  void planHitEqualsMiss() throws Exception {
    Run miss = devenv("plan", "plan");
    assertThat(miss.code()).as(miss.err()).isEqualTo(ExitCode.OK);
    assertThat(miss.out()).contains("3 messages").contains("Deployment shop/web");
    FileTime mark = FileTime.fromMillis(946_684_800_000L);
    markEntries("plan", mark);

    Run hit = devenv("plan", "plan");
    Run json = devenv("plan", "--output", "json", "plan");

    assertThat(hit).isEqualTo(miss);
    assertThat(json.out()).contains("\"Deployment shop/web\"");
    assertThat(entries("plan")).isNotEmpty().allSatisfy(e -> assertThat(Files.getLastModifiedTime(e)).isEqualTo(mark));
  }

  @Test
  @DisplayName("A seed file broken in place, same size and modification time, is read again: validate and plan report it")
  void changedSeedFileIsRechecked() throws Exception {
    assertThat(devenv("seed", "validate").code()).isEqualTo(ExitCode.OK);
    assertThat(entries("seed")).isNotEmpty();
    Path seed = projects.resolve("seed/seed/jobs.ndjson");
    FileTime mtime = Files.getLastModifiedTime(seed);

    Files.writeString(seed, "{\"n\":1}\n{\"n\":x}\n{\"n\":3}\n");
    Files.setLastModifiedTime(seed, mtime);
    Run validate = devenv("seed", "validate");
    Run plan = devenv("seed", "plan");

    assertThat(validate.code()).isEqualTo(ExitCode.INVALID_INPUT);
    assertThat(validate.err()).contains("jobs.ndjson:2:").contains("not valid JSON");
    assertThat(plan.code()).isEqualTo(ExitCode.INVALID_INPUT);
    assertThat(plan.err()).contains("jobs.ndjson:2:");
  }

  @Test
  @DisplayName("A manifest changed, or one added to the directory, is loaded again: its new problem and object show")
  void changedManifestIsRechecked() throws Exception {
    assertThat(devenv("manifest", "validate").code()).isEqualTo(ExitCode.OK);
    assertThat(entries("manifest")).isNotEmpty();
    Path manifest = projects.resolve("manifest/k8s/app.yaml");

    Files.writeString(manifest, DEPLOYMENT.replace("replicas: 2", "replicas: \"2\""));
    Run broken = devenv("manifest", "validate");
    assertThat(broken.code()).isEqualTo(ExitCode.INVALID_INPUT);
    assertThat(broken.err()).contains("spec.replicas").contains("app.yaml");

    Files.writeString(manifest, DEPLOYMENT);
    Files.writeString(projects.resolve("manifest/k8s/extra.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\n");
    Run plan = devenv("manifest", "plan");
    assertThat(plan.code()).as(plan.err()).isEqualTo(ExitCode.OK);
    assertThat(plan.out()).contains("ConfigMap shop/extra").contains("Deployment shop/web");
  }

  @Test
  @DisplayName("A corrupt cache is ignored, never an error: validate and plan print what they print without it")
  void corruptCacheIgnored() throws Exception {
    Run first = devenv("corrupt", "validate");
    Run firstPlan = devenv("corrupt", "plan");
    assertThat(entries("corrupt")).isNotEmpty();

    for (Path e : entries("corrupt")) {
      Files.writeString(e, "{\"key\": \"truncated");
    }
    Files.writeString(projects.resolve("corrupt/.devenv/cache/.manifests-left-by-a-crash.json.tmp"), "{");

    assertThat(devenv("corrupt", "validate")).isEqualTo(first);
    assertThat(devenv("corrupt", "plan")).isEqualTo(firstPlan);
  }
}
