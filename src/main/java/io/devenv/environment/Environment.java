package io.devenv.environment;

import io.devenv.profile.Profile;

/**
 * A running environment as the engine hands it over: where the emulator and the cluster are.
 * The provisioner, seeder and deployer take one of these and never start anything themselves.
 *
 * @param profile the profile it was started for
 * @param aws the emulator, or null when the profile needs no AWS
 * @param cluster the cluster, or null when Kubernetes is disabled
 */
public record Environment(Profile profile, AwsAccess aws, ClusterAccess cluster) {}
