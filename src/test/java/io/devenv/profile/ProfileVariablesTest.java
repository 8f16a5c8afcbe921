package io.devenv.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ${VAR}}, {@code ${VAR:-default}}, {@code variables} and the environment. */
class ProfileVariablesTest {

  @TempDir Path dir;

  private Profile load(Map<String, String> environment, String yaml) {
    return new ProfileFiles(dir, environment).load("app.yaml", yaml);
  }

  @Test
  @DisplayName("${VAR:-default} takes the default when VAR is unset, and the environment's value when set")
  void defaultUnlessSet() {
    String yaml = "aws:\n  secrets: [{ name: db, value: \"${DB_PASSWORD:-devpass}\" }]\n";

    assertThat(load(Map.of(), yaml).aws().secrets().get(0).value()).isEqualTo("devpass");
    assertThat(load(Map.of("DB_PASSWORD", "s3cret"), yaml).aws().secrets().get(0).value()).isEqualTo("s3cret");
  }

  @Test
  @DisplayName("a variable is usable as ${name}, and an environment variable of the same name wins")
  void environmentWinsOverVariables() {
    String yaml = """
        variables:
          stage: dev
        aws:
          parameters: [{ name: /vod/stage, value: "${stage}" }]
        """;

    Profile fromFile = load(Map.of(), yaml);
    Profile fromEnvironment = load(Map.of("stage", "ci"), yaml);

    assertThat(fromFile.aws().parameters().get(0).value()).isEqualTo("dev");
    assertThat(fromFile.variables()).containsEntry("stage", "dev");
    assertThat(fromEnvironment.aws().parameters().get(0).value()).as("the environment wins").isEqualTo("ci");
    assertThat(fromEnvironment.variables()).as("manifests see the effective value").containsEntry("stage", "ci");
  }

  @Test
  @DisplayName("a variable's own ${...} is filled from the environment")
  void variablesFromEnvironment() {
    Profile p = load(Map.of("USER", "ada"), """
        variables:
          bucket: vod-${USER}-images
        aws:
          buckets: [{ name: "${bucket}" }]
        """);

    assertThat(p.aws().buckets().get(0).name()).isEqualTo("vod-ada-images");
    assertThat(p.variables()).containsEntry("bucket", "vod-ada-images");
  }

  @Test
  @DisplayName("$${ is a literal ${, left for whoever reads the value")
  void doubleDollarIsLiteral() {
    Profile p = load(Map.of("HOME", "/home/x"), "aws:\n  parameters: [{ name: /app/tpl, value: \"$${HOME}/x and ${HOME}\" }]\n");

    assertThat(p.aws().parameters().get(0).value()).isEqualTo("${HOME}/x and /home/x");
  }

  @Test
  @DisplayName("a variable fills a number or a boolean key, which then binds with its type")
  void typedValuesFromVariables() {
    Profile p = load(Map.of("PORT", "9090"), """
        variables: { versioned: "true" }
        aws:
          buckets: [{ name: images, versioning: "${versioned}" }]
        kubernetes:
          portForwards: [{ service: api, port: "${PORT}" }]
        """);

    assertThat(p.aws().buckets().get(0).versioning()).isTrue();
    assertThat(p.kubernetes().portForwards().get(0).port()).isEqualTo(9090);
  }

  @Test
  @DisplayName("a base's variable is overridden by the extending profile's")
  void variablesMergeLikeMaps() {
    ProfileFiles files = new ProfileFiles(dir);
    files.write("base.yaml", "variables: { stage: dev, region: eu-west-3 }\naws: { region: \"${region}\" }\n");

    Profile p = files.load("ci.yaml", "extends: base.yaml\nvariables: { stage: ci }\n");

    assertThat(p.variables()).containsEntry("stage", "ci").containsEntry("region", "eu-west-3");
    assertThat(p.aws().region()).as("a base's ${...} is filled with the merged variables").isEqualTo("eu-west-3");
  }

  @Test
  @DisplayName("${VAR} with no value and no default is a problem at its line, reported once")
  void unsetIsAProblem() {
    assertThatThrownBy(() -> load(Map.of(), "aws:\n  secrets:\n    - { name: db, value: \"${NOPE}\" }\n"))
        .isInstanceOfSatisfying(ProfileException.class, e -> assertThat(e.problems()).singleElement()
            .satisfies(problem -> {
              assertThat(problem.origin().line()).isEqualTo(3);
              assertThat(problem.message()).startsWith("${NOPE} has no value");
            }));
  }

  @Test
  @DisplayName("a variable whose own ${...} is unset is no problem when the environment sets the variable")
  void environmentReplacesAnUnfillableVariable() {
    Profile p = load(Map.of("password", "x"), "variables: { password: \"${NOPE}\" }\naws:\n"
        + "  secrets: [{ name: db, value: \"${password}\" }]\n");

    assertThat(p.aws().secrets().get(0).value()).isEqualTo("x");
  }
}
