package io.devenv.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.devenv.core.Progress;
import io.devenv.engine.EngineChoice;
import io.devenv.engine.EngineKind;
import io.devenv.lifecycle.Up;
import io.devenv.lifecycle.UpOptions;
import io.devenv.lifecycle.UpResult;
import io.devenv.plan.Plan;
import io.devenv.plan.Planner;
import io.devenv.profile.Profile;
import io.devenv.profile.ProfileLoader;
import io.devenv.testing.MiniStackProcess;
import io.devenv.testing.MockCluster;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code devenv plan} and {@code devenv up} come from one source: for every sample profile, the
 * steps the plan lists are, name for name and in order, the steps {@code up} reports as it takes
 * them. The up is real: the external engine, MiniStack on 127.0.0.1, and the mock API server with
 * {@link FakeControllers} making workloads and CRDs ready.
 */
class PlanUpAgreementTest {

  @RegisterExtension
  static final MiniStackProcess MINISTACK = new MiniStackProcess();

  @TempDir
  Path project;

  static Stream<Path> profiles() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("profiles"))) {
      return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("profiles")
  @DisplayName("the step names plan prints are the step names up reports, in the same order")
  void planIsWhatUpDoes(Path file) throws Exception {
    Profile profile = new ProfileLoader(Map.of()).loadFile(file);
    List<String> planned = new Planner(Map.of()).plan(profile, project, EngineKind.EXTERNAL, true).steps().stream()
        .map(s -> s.target().isEmpty() ? s.action() : s.action() + " " + s.target()).toList();

    List<String> started = new CopyOnWriteArrayList<>();
    try (MockCluster cluster = new MockCluster(Files.createDirectories(project.resolve("cluster")));
        KubernetesClient client = cluster.server().createClient();
        FakeControllers controllers = new FakeControllers(cluster.server(), client).readyAfter(Duration.ofMillis(20)).start()) {
      UpOptions options = UpOptions.of(project, EngineChoice.external(MINISTACK.endpoint(), false, cluster.kubeconfig(), null))
          .withProgress(recording(started)).withPortForwards(true);
      try (UpResult up = new Up(options).run(profile)) {
        assertThat(up.checks()).as("every check passed").allMatch(c -> c.ok());
      }
    }

    assertThat(started).as("steps up reported for %s", file).isEqualTo(planned);
  }

  /** Keeps the name of every step started, in order. */
  private static Progress recording(List<String> started) {
    return new Progress() {
      @Override
      public Step start(String what) {
        started.add(what);
        return SILENT.start(what);
      }

      @Override
      public void info(String line) {}
    };
  }
}
