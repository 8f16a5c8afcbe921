package io.devenv.kubernetes;

import io.devenv.core.Progress;
import io.devenv.environment.AwsAccess;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.net.InetAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What lets pods reach the AWS emulator, in one namespace:
 *
 * <ul>
 *   <li>a Service {@value #SERVICE} with no selector, on the emulator's port;
 *   <li>an EndpointSlice for it at the emulator's address on the network the cluster shares with
 *       it (Docker's DNS names do not resolve from pods, so the address is an IP). When the engine
 *       knows only a host name, an ExternalName Service takes the place of both;
 *   <li>a ConfigMap {@value #CONFIG_MAP} with {@code AWS_ENDPOINT_URL}
 *       ({@code http://aws.<namespace>:<port>}), {@code AWS_REGION}, {@code AWS_DEFAULT_REGION},
 *       {@code AWS_ACCESS_KEY_ID} and {@code AWS_SECRET_ACCESS_KEY}, for {@code envFrom}.
 * </ul>
 */
final class AwsWiring {

  static final String SERVICE = "aws";
  static final String CONFIG_MAP = "devenv-aws";
  static final String PORT_NAME = "edge";

  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private AwsWiring() {}

  /** Where pods find the emulator: an IP address, or a host name when no IP is known. */
  record Target(String host, int port, boolean isIp) {}

  /**
   * The emulator's address as pods reach it, or null (with a warning) when there is none: the
   * network address the engine reports, else the endpoint's host unless it is a loopback one.
   */
  static Target target(AwsAccess aws, Progress progress) {
    if (aws.networkAddress() != null && !aws.networkAddress().isBlank()) {
      return new Target(aws.networkAddress(), aws.networkPort(), isIp(aws.networkAddress()));
    }
    URI endpoint = aws.endpoint();
    String host = endpoint == null ? null : endpoint.getHost();
    if (host == null || isLoopback(host)) {
      progress.info("  pods cannot reach the AWS emulator: the engine reports no address for it on the cluster's"
          + " network (endpoint " + endpoint + " is local to this machine); devenv-aws is written, the aws Service is not"
          + " (give the address pods use with --aws-endpoint-for-pods or kubernetes.awsEndpointForPods)");
      return null;
    }
    int port = endpoint.getPort() > 0 ? endpoint.getPort() : ("https".equals(endpoint.getScheme()) ? 443 : 80);
    return new Target(host, port, isIp(host));
  }

  /** The objects for one namespace; the Service and EndpointSlice only when there is a target. */
  static List<GenericKubernetesResource> objects(String namespace, AwsAccess aws, Target target) {
    int port = target != null ? target.port() : aws.networkPort();
    List<HasMetadata> objects = new ArrayList<>();
    Map<String, String> data = new LinkedHashMap<>();
    data.put("AWS_ENDPOINT_URL", ManifestValues.inClusterEndpoint(namespace, port));
    data.put("AWS_REGION", aws.region());
    data.put("AWS_DEFAULT_REGION", aws.region());
    data.put("AWS_ACCESS_KEY_ID", aws.accessKeyId());
    data.put("AWS_SECRET_ACCESS_KEY", aws.secretAccessKey());
    objects.add(new ConfigMapBuilder()
        .withNewMetadata().withName(CONFIG_MAP).withNamespace(namespace).endMetadata()
        .withData(data)
        .build());
    if (target != null && target.isIp()) {
      objects.add(new ServiceBuilder()
          .withNewMetadata().withName(SERVICE).withNamespace(namespace).endMetadata()
          .withNewSpec()
          .addNewPort().withName(PORT_NAME).withProtocol("TCP").withPort(port).withNewTargetPort(port).endPort()
          .endSpec()
          .build());
      objects.add(new EndpointSliceBuilder()
          .withNewMetadata().withName(SERVICE).withNamespace(namespace)
          // The service-name label ties the slice to the Service; the managed-by one keeps the
          // EndpointSlice controller from taking it over.
          .addToLabels("kubernetes.io/service-name", SERVICE)
          .addToLabels("endpointslice.kubernetes.io/managed-by", "devenv")
          .endMetadata()
          .withAddressType(target.host().contains(":") ? "IPv6" : "IPv4")
          .addNewEndpoint().withAddresses(target.host()).withNewConditions().withReady(true).endConditions().endEndpoint()
          .addNewPort().withName(PORT_NAME).withProtocol("TCP").withPort(target.port()).endPort()
          .build());
    } else if (target != null) {
      objects.add(new ServiceBuilder()
          .withNewMetadata().withName(SERVICE).withNamespace(namespace).endMetadata()
          .withNewSpec().withType("ExternalName").withExternalName(target.host())
          .addNewPort().withName(PORT_NAME).withProtocol("TCP").withPort(port).withNewTargetPort(port).endPort()
          .endSpec()
          .build());
    }
    return objects.stream().map(o -> SERIALIZATION.convertValue(o, GenericKubernetesResource.class)).toList();
  }

  private static boolean isIp(String host) {
    return IPV4.matcher(host).matches() || host.contains(":");
  }

  private static boolean isLoopback(String host) {
    if ("localhost".equalsIgnoreCase(host)) {
      return true;
    }
    if (!isIp(host)) {
      return false;
    }
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }
}
