package io.devenv.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.devenv.cli.Main;
import io.devenv.core.ExitCode;
import io.devenv.testing.MiniStackProcess;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where a first {@code up}'s time went, phase by phase, as {@code --output json} and
 * {@code --timings} report it: the CLI against MiniStack on 127.0.0.1 (external engine).
 */
class UpTimingsTest {

  @RegisterExtension
  static final MiniStackProcess MINISTACK = new MiniStackProcess();

  @TempDir
  Path project;

  @Test
  @DisplayName("--output json carries every phase of a first up (engine, resources, seeds) with its start and duration, without --timings")
  void jsonCarriesThePhases() throws Exception {
    // Given a profile with resources and seeds, on an emptied emulator
    MINISTACK.stop();
    MINISTACK.start();
    profile("timings-" + System.nanoTime());

    // When up runs with --output json only
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), "--project-dir", project.toString(), "up",
        "--detach", "--output", "json", "--engine", "external", "--aws-endpoint", MINISTACK.endpoint().toString());

    // Then the document has each phase, in the order they began, resources before seeds
    assertThat(code).as("stderr:%n%s", err).isEqualTo(ExitCode.OK);
    JsonNode doc = new ObjectMapper().readTree(out.toString());
    Map<String, JsonNode> phases = new LinkedHashMap<>();
    doc.at("/timings/phases").forEach(p -> phases.put(p.get("phase").asText(), p));
    assertThat(phases).as("phases in %s", doc.at("/timings")).containsKeys("profile loaded", "engine: start begun (checks, network)",
        "engine: AWS emulator answering", "AWS: resources provisioned", "AWS: seed data", "engine: every part ready");
    phases.values().forEach(p -> assertThat(p.get("seconds").asDouble()).as(p.toString()).isGreaterThanOrEqualTo(0));
    JsonNode resources = phases.get("AWS: resources provisioned");
    JsonNode seeds = phases.get("AWS: seed data");
    assertThat(seeds.get("startSeconds").asDouble()).as("seeding begins once the resources exist")
        .isGreaterThanOrEqualTo(resources.get("startSeconds").asDouble() + resources.get("seconds").asDouble() - 0.001);
    assertThat(doc.at("/timings/totalSeconds").asDouble()).isGreaterThanOrEqualTo(seeds.get("startSeconds").asDouble());
  }

  @Test
  @DisplayName("--timings prints the same phases on stderr, one line each, and the total")
  void textTimings() throws Exception {
    profile("timings-text-" + System.nanoTime());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int code = Main.run(new PrintWriter(out), new PrintWriter(err), "--project-dir", project.toString(), "up", "--detach",
        "--timings", "--engine", "external", "--aws-endpoint", MINISTACK.endpoint().toString());

    assertThat(code).as("stderr:%n%s", err).isEqualTo(ExitCode.OK);
    assertThat(err.toString()).contains("timings (from the JVM's start; phases may overlap):")
        .containsPattern("at +\\d+\\.\\d\\ds +\\d+\\.\\d\\ds  AWS: seed data")
        .containsPattern("total \\d+\\.\\d\\ds");
  }

  private void profile(String name) throws Exception {
    Path root = Path.of("src/test/resources/junit").toAbsolutePath();
    Files.createDirectories(project.resolve("profiles"));
    Files.writeString(project.resolve("profiles/default.yaml"),
        "name: " + name + "\nextends: " + root.resolve("aws.yaml") + "\n"
            + "kubernetes: { enabled: false }\n"
            + "aws:\n  region: eu-west-3\n"
            + "seed:\n"
            + "  tables: [{ table: junit-things, from: " + root.resolve("seed/things.ndjson") + " }]\n"
            + "  queues: [{ queue: junit-queue, from: " + root.resolve("seed/messages.ndjson") + " }]\n",
        StandardCharsets.UTF_8);
  }
}
