package io.devenv.engine;

import io.devenv.core.DevenvException;
import io.devenv.core.ExitCode;
import io.devenv.profile.Profile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What an emulator image says it cannot serve, read from its labels before anything starts.
 *
 * <p>A preset knows which services its emulator offers in general; one image of it can offer
 * fewer (a local build of LocalStack without DynamoDB Local, which LocalStack downloads at first
 * use). The emulator itself cannot tell: LocalStack's health endpoint lists {@code dynamodb} as
 * available until the first request fails a minute later. So the image declares it:
 * {@value #UNAVAILABLE} (comma-separated service ids) and {@value #REASON} (one line).
 */
public final class ImageServices {
  public static final String UNAVAILABLE = "io.devenv.aws.unavailable-services";
  public static final String REASON = "io.devenv.aws.unavailable-reason";

  private ImageServices() {}

  /** The services the labels declare unavailable; unknown ids are ignored. */
  public static Set<AwsService> unavailable(Map<String, String> labels) {
    Set<AwsService> services = EnumSet.noneOf(AwsService.class);
    String value = labels == null ? null : labels.get(UNAVAILABLE);
    if (value == null) {
      return services;
    }
    Arrays.stream(value.split(",")).map(String::trim).forEach(id -> Arrays.stream(AwsService.values())
        .filter(s -> s.id().equals(id)).forEach(services::add));
    return services;
  }

  /**
   * Every service the profile needs that the image declares it cannot serve, each naming the
   * profile line responsible and the emulators that offer it.
   */
  public static List<String> problems(Profile profile, String image, Map<String, String> labels) {
    List<String> problems = new ArrayList<>();
    Set<AwsService> unavailable = unavailable(labels);
    if (unavailable.isEmpty() || !profile.needsAws()) {
      return problems;
    }
    EmulatorPreset preset = EmulatorPreset.of(profile.aws());
    String reason = labels.get(REASON);
    AwsService.requiredBy(profile).forEach((service, neededBy) -> {
      if (unavailable.contains(service)) {
        String others = EmulatorPreset.KNOWN.stream().filter(p -> p != preset && p.services().contains(service))
            .map(EmulatorPreset::name).collect(Collectors.joining(", "));
        problems.add(neededBy + " needs " + service + ", which the image " + image + " cannot serve"
            + (reason == null || reason.isBlank() ? "" : " (" + reason + ")")
            + "; emulators offering it: " + (others.isEmpty() ? "" : others + ", or ")
            + "a " + preset.name() + " image without the label " + UNAVAILABLE);
      }
    });
    return problems;
  }

  /**
   * Fails, before anything starts, when the profile needs a service its emulator image declares it
   * cannot serve: the labels of the image in the local Docker daemon, or of a container made from
   * it (a container's labels carry its image's, so a reused emulator is checked without asking
   * Docker about the image).
   *
   * @throws DevenvException exit 2, naming the service, the profile line and the alternatives
   */
  static void requireServed(Profile profile, String image, Map<String, String> labels) {
    List<String> problems = problems(profile, image, labels);
    if (!problems.isEmpty()) {
      String detail = problems.size() == 1 ? null : String.join("\n", problems.subList(1, problems.size()));
      throw new DevenvException(ExitCode.INVALID_INPUT, problems.get(0), detail, null);
    }
  }
}
