import io.devenv.core.Progress;
import io.devenv.engine.DockerEngine;
import io.devenv.engine.EngineOptions;
import io.devenv.engine.Environment;
import io.devenv.profile.Profile;
import io.devenv.profile.ProfileLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Cold and warm {@code up} of the AWS part on the Docker engine: cold = nothing runs (containers
 * and network created, emulator waited for); warm = the same profile again (found by labels,
 * health-checked, reused). Prints a Markdown table for docs/benchmarks.md.
 *
 * <p>Run with bench/up/run.sh. In one JVM: one round is discarded to warm the JIT, then N rounds.
 */
public final class UpBench {
  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    Path profileFile = Path.of(args.length > 1 ? args[1] : "bench/up/aws-ministack.yaml");
    Profile profile = ProfileLoader.load(profileFile);
    Path project = Files.createTempDirectory("devenv-bench-up");
    DockerEngine engine = DockerEngine.connect();
    EngineOptions options = EngineOptions.of(project).withProgress(System.getenv("BENCH_VERBOSE") != null ? Progress.to(new java.io.PrintWriter(System.err, true)) : Progress.SILENT);
    List<Double> cold = new ArrayList<>();
    List<Double> warm = new ArrayList<>();
    try {
      for (int round = 0; round <= rounds; round++) {
        engine.down(project, null, true);
        long t0 = System.nanoTime();
        Environment first = engine.start(profile, options);
        long t1 = System.nanoTime();
        Environment second = engine.start(profile, options);
        long t2 = System.nanoTime();
        if (!first.aws().endpoint().equals(second.aws().endpoint())) {
          throw new IllegalStateException("warm up did not reuse the emulator");
        }
        if (round > 0) { // round 0 warms the JIT and is not counted
          cold.add((t1 - t0) / 1e9);
          warm.add((t2 - t1) / 1e9);
        }
        System.err.printf(Locale.ROOT, "round %d: cold %.3fs, warm %.3fs%n", round, (t1 - t0) / 1e9, (t2 - t1) / 1e9);
      }
    } finally {
      engine.down(project, null, true);
    }
    double c = median(cold);
    double w = median(warm);
    System.out.println("| profile | image | rounds | cold up (median, min–max) | warm up (median, min–max) | warm/cold |");
    System.out.println("|---|---|---|---|---|---|");
    System.out.printf(Locale.ROOT, "| %s | %s | %d | %.2f s (%.2f–%.2f) | %.3f s (%.3f–%.3f) | %.3f |%n",
        profile.name(), profile.aws().image(), rounds, c, Collections.min(cold), Collections.max(cold),
        w, Collections.min(warm), Collections.max(warm), w / c);
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
