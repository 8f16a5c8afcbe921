package io.devenv.profile;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

@Doc("A Helm chart (an application's `.cloud/chart`), rendered in-process and applied like manifests.")
public record ChartSpec(
    Origin origin,
    @Doc("The chart's directory (with Chart.yaml).") @Required @Exists(Exists.Kind.DIRECTORY) Path path,
    @Doc("The release name (`.Release.Name`).") @Required String release,
    @Doc("The release namespace; defaults to `kubernetes.namespace`.") String namespace,
    @Doc("Values files applied in order, after the chart's `values.yaml` and its `values.local.yaml` when present.")
        @Exists(Exists.Kind.FILE)
        List<Path> values,
    @Doc("Single values, as `helm --set` takes them (`image.tag: dev`); they win over the files.") Map<String, Object> set) {}
