package io.devenv.kubernetes;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.devenv.core.DevenvException;
import io.devenv.core.ExitCode;
import io.devenv.profile.ChartSpec;
import io.devenv.profile.Origin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Renders Helm charts in-process with the real Helm library (helm-java, through JNA), as
 * {@code helm template} does: the chart's {@code values.yaml}, then its {@code values.local.yaml}
 * when present, then the profile's values files, then its {@code set} values; devenv's own values
 * ({@code devenv.region}, {@code devenv.awsEndpoint}, {@code devenv.namespace}, {@code devenv.profile})
 * are set under {@code .Values.devenv}. Helm's template leaves out the chart's {@code crds/}: see {@link #crdFiles}.
 */
public final class HelmCharts {

  /** The values file beside values.yaml that holds a chart's local-development values. */
  public static final String LOCAL_VALUES = "values.local.yaml";

  private HelmCharts() {}

  /** One rendered chart: its multi-document YAML. */
  public record Rendered(ChartSpec chart, String yaml) {}

  /** The values files used for a chart, in the order Helm applies them. */
  public static List<Path> valuesFiles(ChartSpec chart) {
    List<Path> files = new ArrayList<>();
    Path local = chart.path().resolve(LOCAL_VALUES);
    if (Files.isRegularFile(local)) {
      files.add(local);
    }
    files.addAll(chart.values());
    return files;
  }

  /** The chart's crds/*.yaml files, sorted: Helm applies them as written, before the templates. */
  public static List<Path> crdFiles(ChartSpec chart) {
    Path dir = chart.path().resolve("crds");
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (var listing = Files.list(dir)) {
      return listing.filter(f -> Files.isRegularFile(f) && f.toString().matches(".*\\.(ya?ml|json)$")).sorted().toList();
    } catch (java.io.IOException e) {
      throw new DevenvException(ExitCode.INVALID_INPUT, "cannot list " + Origin.display(dir) + ": " + e.getMessage(), e);
    }
  }

  /**
   * @param devenvValues devenv's placeholder values ({@link ManifestValues}); those named {@code devenv.*} are set
   * @throws DevenvException (exit 2) naming the chart when Helm cannot render it
   */
  public static Rendered render(ChartSpec chart, Map<String, String> devenvValues) {
    TemplateCommand template = new Helm(chart.path()).template()
        .withName(chart.release())
        .withNamespace(chart.namespace())
        .skipCrds();
    for (Path file : valuesFiles(chart)) {
      template = template.withValuesFile(file);
    }
    for (Map.Entry<String, String> e : devenvValues.entrySet()) {
      if (e.getKey().startsWith("devenv.") && e.getValue() != null) {
        template = template.set(e.getKey(), e.getValue());
      }
    }
    for (Map.Entry<String, Object> e : chart.set().entrySet()) {
      template = template.set(e.getKey(), e.getValue());
    }
    try {
      return new Rendered(chart, template.call());
    } catch (RuntimeException e) {
      throw new DevenvException(ExitCode.INVALID_INPUT, "Helm chart " + Origin.display(chart.path()) + " (release "
          + chart.release() + ") does not render: " + oneLine(e.getMessage()), e);
    }
  }

  private static String oneLine(String message) {
    return message == null ? "no message" : message.strip().replace('\n', ' ');
  }
}
