package io.devenv.profile;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A loaded profile: what one environment contains. Immutable, fully validated, with every
 * {@code extends} merged, every {@code ${VAR}} filled and every path absolute. Nothing downstream
 * reads YAML again.
 */
@Doc("A profile: one environment's AWS resources, Kubernetes deployment and seed data.")
public record Profile(
    Origin origin,
    @Doc("The environment's name; labels its containers and Kubernetes objects. Defaults to the file name"
            + " without .yaml; not inherited through `extends`.")
        String name,
    @Doc("One line shown by `devenv profiles`.") String description,
    @Doc("Profiles merged under this one, in order (a path or a list of paths, relative to this file).")
        @Key("extends")
        @OneOrMany
        List<Path> extendsFiles,
    @Doc("Values for `${name}` here and in manifests. An environment variable of the same name wins.")
        Map<String, String> variables,
    @Doc("The AWS emulator and the resources created in it.") AwsSpec aws,
    @Doc("The k3s cluster and what is deployed to it.") KubernetesSpec kubernetes,
    @Doc("Data loaded once the resources exist.") SeedSpec seed) {

  /** The profile file that was loaded (the top of the {@code extends} chain). */
  public Path file() {
    return origin.file();
  }

  /** Whether the profile declares any AWS resource or seed that needs the emulator. */
  public boolean needsAws() {
    return !aws.isEmpty() || !seed.buckets().isEmpty() || !seed.tables().isEmpty() || !seed.queues().isEmpty();
  }
}
