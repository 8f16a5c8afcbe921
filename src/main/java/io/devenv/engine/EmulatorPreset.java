package io.devenv.engine;

import io.devenv.core.DevenvException;
import io.devenv.core.ExitCode;
import io.devenv.profile.AwsSpec;
import io.devenv.profile.AwsSpec.Emulator;
import io.devenv.profile.Profile;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What devenv knows about an AWS emulator: its pinned image, its port, how to tell it is ready,
 * which services it offers, and whether newer tags need a token.
 *
 * @param name the name used in profiles ({@code aws.emulator})
 * @param defaultImage the pinned image used when the profile names none, or null ({@code custom})
 * @param port the edge port inside the container
 * @param healthPath answers 200 once the emulator serves requests
 * @param init how the emulator reports that its init scripts have run
 * @param services the AWS services it offers, of those profiles use
 * @param tokenFreeUpTo the last version that starts without {@code LOCALSTACK_AUTH_TOKEN}, or null
 *     when no tag needs one
 * @param stateDir where the emulator keeps state in its container; a named volume is mounted there
 *     so {@code devenv down} keeps it unless asked to remove volumes. Null: none.
 * @param seedRequests how many seed requests to keep in flight: the most this emulator absorbs
 *     before more concurrency makes it slower (docs/benchmarks.md); {@link SeedPool} reads it
 */
public record EmulatorPreset(
    String name,
    String defaultImage,
    int port,
    String healthPath,
    InitCheck init,
    Set<AwsService> services,
    String tokenFreeUpTo,
    String stateDir,
    int seedRequests) {

  /** The environment variable LocalStack reads its auth token from; passed through when set. */
  public static final String TOKEN_VARIABLE = "LOCALSTACK_AUTH_TOKEN";

  private static final String MINISTACK_NAME = "ministack";
  private static final String LOCALSTACK_NAME = "localstack";

  /** The last LocalStack release that starts without an auth token. */
  public static final String LAST_TOKEN_FREE_LOCALSTACK = "4.14.0";

  public static final EmulatorPreset LOCALSTACK = new EmulatorPreset(
      "localstack", "localstack/localstack:" + LAST_TOKEN_FREE_LOCALSTACK, 4566, "/_localstack/health",
      InitCheck.LOCALSTACK, EnumSet.allOf(AwsService.class), LAST_TOKEN_FREE_LOCALSTACK, "/var/lib/localstack",
      16); // measured: best at 16 in flight, slower at 32

  /** Floci: serves LocalStack's health and init endpoints; keeps state in memory unless configured. */
  public static final EmulatorPreset FLOCI = new EmulatorPreset(
      "floci", "floci/floci:1.5.11", 4566, "/_localstack/health",
      InitCheck.FLOCI, EnumSet.allOf(AwsService.class), null, "/app/data", SeedPool.UNMEASURED);

  /** MiniStack: a LocalStack drop-in; {@code /_ministack/ready} turns 200 once ready.d scripts ran. */
  public static final EmulatorPreset MINISTACK = new EmulatorPreset(
      "ministack", "ministackorg/ministack:1.5.23", 4566, "/_ministack/health",
      InitCheck.MINISTACK, EnumSet.allOf(AwsService.class), null, "/tmp/ministack-data",
      32); // measured: grows up to about 32 in flight, slower at 64

  /** The presets with a known image, in the order they are suggested. */
  public static final List<EmulatorPreset> KNOWN = List.of(LOCALSTACK, FLOCI, MINISTACK);

  public EmulatorPreset {
    services = Set.copyOf(services);
  }

  /**
   * Any image speaking the AWS wire protocol on one port. Its services are unknown, so every one
   * is assumed; the health path defaults to LocalStack's, which most drop-ins serve.
   */
  public static EmulatorPreset custom(Integer port, String healthPath) {
    return new EmulatorPreset("custom", null, port == null ? 4566 : port,
        healthPath == null ? "/_localstack/health" : healthPath, InitCheck.NONE,
        EnumSet.allOf(AwsService.class), null, null, SeedPool.UNMEASURED);
  }

  /** The preset a profile's {@code aws} section selects. */
  public static EmulatorPreset of(AwsSpec aws) {
    Emulator emulator = aws.emulator() == null ? Emulator.LOCALSTACK : aws.emulator();
    switch (emulator) {
      case FLOCI:
        return FLOCI;
      case MINISTACK:
        return MINISTACK;
      case CUSTOM:
        return custom(aws.port(), aws.healthPath());
      default:
        return LOCALSTACK;
    }
  }

  /**
   * Whether a new container of this preset, as devenv runs it, loads state kept in its volume:
   * MiniStack does only with {@code PERSIST_STATE=1} and LocalStack with {@code PERSISTENCE=1},
   * which devenv does not set; Floci's behaviour is not known here, so it is assumed to.
   */
  public boolean restoresState() {
    return stateDir != null && !name.equals(MINISTACK_NAME) && !name.equals(LOCALSTACK_NAME);
  }

  /** Whether this image needs {@code LOCALSTACK_AUTH_TOKEN} to start. */
  public boolean needsToken(String image) {
    if (tokenFreeUpTo == null) {
      return false;
    }
    return ImageTags.repository(image).endsWith("localstack-pro") || ImageTags.isNewerThan(image, tokenFreeUpTo);
  }

  /**
   * Checks, before anything starts, that this preset can run the profile: every service it needs
   * is offered, the image is usable without a missing token, {@code custom} names an image.
   * Reads the token from the process environment.
   *
   * @throws DevenvException listing every problem, each naming the profile line responsible
   */
  public static void check(Profile profile) {
    check(profile, System.getenv());
  }

  /** {@link #check(Profile)} with the environment given, for tests and the JUnit extension. */
  public static void check(Profile profile, Map<String, String> environment) {
    EmulatorPreset preset = of(profile.aws());
    List<String> problems = preset.problems(profile, environment);
    if (!problems.isEmpty()) {
      String first = problems.get(0);
      String detail = problems.size() == 1 ? null : String.join("\n", problems.subList(1, problems.size()));
      throw new DevenvException(ExitCode.INVALID_INPUT, first, detail, null);
    }
  }

  /** Every reason this preset cannot run the profile; empty when it can. */
  public List<String> problems(Profile profile, Map<String, String> environment) {
    List<String> problems = new ArrayList<>();
    if (!profile.needsAws()) {
      return problems; // no emulator is started
    }
    var awsOrigin = profile.aws().origin();
    String where = awsOrigin != null && awsOrigin.file() != null ? awsOrigin.toString()
        : profile.origin() == null ? "<profile>" : profile.origin().toString();
    String image = profile.aws().image() != null ? profile.aws().image() : defaultImage;
    if (image == null || image.isBlank()) {
      problems.add(where + ": aws.emulator custom needs aws.image (an image serving the AWS API on one port)");
    } else if (needsToken(image) && isBlank(environment.get(TOKEN_VARIABLE))) {
      problems.add(where + ": aws.image " + image + " needs a LocalStack auth token (tags after "
          + tokenFreeUpTo + " and localstack-pro require one): set " + TOKEN_VARIABLE
          + ", or use localstack/localstack:" + tokenFreeUpTo + ", or aws.emulator ministack or floci");
    }
    AwsService.requiredBy(profile).forEach((service, neededBy) -> {
      if (!services.contains(service)) {
        String offeredBy = KNOWN.stream().filter(p -> p.services.contains(service)).map(EmulatorPreset::name)
            .collect(Collectors.joining(", "));
        problems.add(neededBy + " needs " + service + ", which the " + name + " emulator does not offer"
            + (offeredBy.isEmpty() ? "" : "; presets offering it: " + offeredBy));
      }
    });
    return problems;
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }

  @Override
  public String toString() {
    return name;
  }
}
