package io.devenv.kubernetes;

import io.devenv.environment.AwsAccess;
import io.devenv.profile.Profile;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The values {@code ${name}} placeholders in manifests are filled with: the profile's
 * {@code variables} (an environment variable of the same name already won when the profile was
 * loaded), and devenv's own:
 *
 * <ul>
 *   <li>{@code ${devenv.namespace}}: the profile's {@code kubernetes.namespace};
 *   <li>{@code ${devenv.profile}}: the profile's name;
 *   <li>{@code ${devenv.awsEndpoint}}: the AWS emulator as pods reach it, e.g.
 *       {@code http://aws.vod:4566} (the {@code aws} Service devenv puts in every namespace);
 *   <li>{@code ${devenv.region}}: the AWS region.
 * </ul>
 *
 * devenv's own values win over a profile variable of the same name.
 */
public final class ManifestValues {

  public static final String NAMESPACE = "devenv.namespace";
  public static final String PROFILE = "devenv.profile";
  public static final String AWS_ENDPOINT = "devenv.awsEndpoint";
  public static final String REGION = "devenv.region";

  /** The emulator's edge port when none is known yet (every preset listens there). */
  public static final int DEFAULT_AWS_PORT = AwsAccess.DEFAULT_PORT;

  private ManifestValues() {}

  /**
   * @param aws the emulator as the engine started it; null when it is not known yet (as for
   *     {@code devenv plan}): the endpoint then assumes port {@value #DEFAULT_AWS_PORT}
   * @param namespace the namespace of objects that name none, usually {@code kubernetes.namespace}
   */
  public static Map<String, String> of(Profile profile, AwsAccess aws, String namespace) {
    Map<String, String> values = new LinkedHashMap<>(profile.variables());
    values.put(NAMESPACE, namespace);
    values.put(PROFILE, profile.name());
    values.put(AWS_ENDPOINT, inClusterEndpoint(namespace, aws == null ? DEFAULT_AWS_PORT : aws.networkPort()));
    values.put(REGION, aws != null ? aws.region() : profile.aws().region());
    return Map.copyOf(values);
  }

  /** The URL of the {@code aws} Service of a namespace: {@code http://aws.<namespace>:<port>}. */
  public static String inClusterEndpoint(String namespace, int port) {
    return "http://" + AwsWiring.SERVICE + "." + namespace + ":" + port;
  }
}
