package io.devenv.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.devenv.profile.Profile;
import io.devenv.profile.ProfileLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code devenv plan} for every profile of the sample platform, against golden files in
 * src/test/resources/plan/. After an intended change, regenerate them with
 * {@code mvn test -Dtest=PlanGoldenTest -Ddevenv.updateGolden=true} and review the diff.
 */
class PlanGoldenTest {

  private static final Path GOLDEN = Path.of("src/test/resources/plan");
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  static Stream<Path> profiles() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("profiles"))) {
      return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("profiles")
  @DisplayName("the plan of each sample profile is exactly its golden file")
  void planMatchesGolden(Path file) throws IOException {
    // Given a profile loaded with no environment variables, so the plan does not depend on the shell
    Profile profile = new ProfileLoader(Map.of()).loadFile(file);

    // When it is planned
    String actual = JSON.writeValueAsString(new Planner(Map.of()).plan(profile, Path.of("."))) + "\n";

    // Then it is the golden plan
    Path golden = GOLDEN.resolve(file.getFileName().toString().replace(".yaml", ".json"));
    if (Boolean.getBoolean("devenv.updateGolden")) {
      Files.writeString(golden, actual, StandardCharsets.UTF_8);
    }
    assertThat(actual).as("plan of %s (regenerate with -Ddevenv.updateGolden=true)", file)
        .isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
  }

  @Test
  @DisplayName("the whole platform's plan lists every manifest object, seeds with their counts, and no secret value")
  void defaultPlanContents() {
    Profile profile = new ProfileLoader(Map.of("DB_PASSWORD", "s3cr3t-value")).loadFile(Path.of("profiles/default.yaml"));

    Plan plan = new Planner(Map.of()).plan(profile, Path.of("."));

    List<String> lines = plan.steps().stream()
        .flatMap(s -> Stream.concat(Stream.of(s.action() + " " + s.target()), s.details().stream())).toList();
    assertThat(lines).as("each Deployment of the sample apps is applied and waited for")
        .contains("Deployment vod/catalog-api", "Deployment vod/time-api", "Deployment vod/thumbnailer");
    assertThat(lines).as("seed counts come from the fixture files")
        .contains("597 items (70.7 KiB) from fixtures/user-preferences/seed/items.ndjson");
    assertThat(String.join("\n", lines)).as("a secret's value never appears in a plan").doesNotContain("s3cr3t-value");
    assertThat(plan.steps().get(0).action()).as("the emulator starts first").isEqualTo("AWS emulator");
    assertThat(plan.steps()).extracting(Plan.Step::index).as("steps are numbered from 1 without gaps")
        .isEqualTo(java.util.stream.IntStream.rangeClosed(1, plan.steps().size()).boxed().toList());
  }
}
