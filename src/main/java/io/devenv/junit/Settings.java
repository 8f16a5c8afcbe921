package io.devenv.junit;

import io.devenv.engine.EngineChoice;
import io.devenv.engine.EngineKind;
import io.devenv.lifecycle.Project;
import java.net.URI;
import java.nio.file.Path;

/**
 * What a {@link DevEnv} annotation asks for, with system properties applied over it. Equal
 * settings share one environment.
 */
record Settings(Path projectDir, Path profileFile, EngineKind engine, URI awsEndpoint, Path kubeconfig,
    String kubeContext, String report) {

  static Settings of(DevEnv annotation) {
    Path cwd = Path.of("").toAbsolutePath();
    String dir = System.getProperty("devenv.projectDir");
    Path project = Project.find(dir == null ? null : Path.of(dir), cwd);
    Path profile = Project.profileFile(project, annotation.profile(), project);
    String engine = System.getProperty("devenv.engine", annotation.engine().name());
    String endpoint = System.getProperty("devenv.aws.endpoint", annotation.awsEndpoint());
    String kubeconfig = System.getProperty("devenv.kubeconfig", annotation.kubeconfig());
    return new Settings(project, profile, EngineKind.valueOf(engine.toUpperCase(java.util.Locale.ROOT)),
        endpoint.isBlank() ? null : URI.create(endpoint),
        kubeconfig.isBlank() ? null : project.resolve(kubeconfig),
        System.getProperty("devenv.kube.context"),
        System.getProperty("devenv.report", ""));
  }

  /** The engine and, for the external one, where its endpoints are. */
  EngineChoice engineChoice() {
    return new EngineChoice(engine, awsEndpoint, false, kubeconfig, kubeContext);
  }

  /** Where the readiness report goes, or null for none ({@code -Ddevenv.report=none}). */
  Path reportFile(String profileName) {
    if (report.equals("none")) {
      return null;
    }
    return report.isBlank()
        ? projectDir.resolve("target/devenv-reports/" + profileName + ".xml")
        : projectDir.resolve(report);
  }
}
