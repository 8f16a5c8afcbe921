package io.devenv.engine;

import java.time.Duration;
import java.util.function.Consumer;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.output.OutputFrame;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * An AWS emulator speaking the AWS wire protocol on one edge port: Floci, MiniStack, or a custom
 * image. (The LocalStack preset uses Testcontainers' {@link LocalStackContainer}; see
 * {@link #create}.) Ready once its health endpoint answers and its init status says done.
 */
public class EmulatorContainer extends GenericContainer<EmulatorContainer> {
  private final EmulatorSettings settings;

  public EmulatorContainer(EmulatorSettings settings) {
    this(settings, Duration.ofMinutes(2));
  }

  public EmulatorContainer(EmulatorSettings settings, Duration startupTimeout) {
    super(imageFor(settings));
    this.settings = settings;
    withExposedPorts(settings.port());
    waitingFor(EmulatorReadiness.of(settings, startupTimeout));
  }

  /**
   * The container for a preset: Testcontainers' LocalStack module for {@code localstack}, this
   * class for the others. Both wait on the preset's health and init endpoints.
   */
  public static GenericContainer<?> create(EmulatorSettings settings, Duration startupTimeout) {
    if (settings.preset() == EmulatorPreset.LOCALSTACK) {
      LocalStackContainer localstack = new LoopbackLocalStack(imageFor(settings));
      localstack.withEnv(settings.env());
      // LocalStack's own "Ready." log line comes before init scripts finish; wait on the endpoints.
      localstack.waitingFor(EmulatorReadiness.of(settings, startupTimeout));
      return localstack;
    }
    return new EmulatorContainer(settings, startupTimeout);
  }

  /**
   * The image, checked against the preset's: an image a profile names explicitly is declared a
   * substitute (a mirror, a local build), the preset's own must match it.
   */
  static DockerImageName imageFor(EmulatorSettings settings) {
    DockerImageName image = DockerImageName.parse(settings.image());
    String expected = settings.preset().defaultImage();
    if (expected == null) {
      return image;
    }
    DockerImageName preset = DockerImageName.parse(expected);
    if (!image.getUnversionedPart().equals(preset.getUnversionedPart())) {
      image = image.asCompatibleSubstituteFor(preset.getUnversionedPart());
    }
    image.assertCompatibleWith(DockerImageName.parse(preset.getUnversionedPart()));
    return image;
  }

  @Override
  protected void configure() {
    withEnv(settings.env());
  }

  /**
   * Ports are published on 127.0.0.1 only, so that is where they are reached, and where wait
   * strategies must probe. Testcontainers would guess otherwise inside a container (/.dockerenv).
   */
  @Override
  public String getHost() {
    return ContainerSetup.LOOPBACK;
  }

  /** A log tail is followed so that the start can stop it ({@link LogTail}). */
  @Override
  public void followOutput(Consumer<OutputFrame> consumer) {
    LogTail.follow(getDockerClient(), getContainerId(), consumer);
  }

  /** Testcontainers' LocalStack module, reached on 127.0.0.1 like every devenv container. */
  static final class LoopbackLocalStack extends LocalStackContainer {
    LoopbackLocalStack(DockerImageName image) {
      super(image);
    }

    @Override
    public String getHost() {
      return ContainerSetup.LOOPBACK;
    }

    @Override
    public void followOutput(Consumer<OutputFrame> consumer) {
      LogTail.follow(getDockerClient(), getContainerId(), consumer);
    }
  }

  public EmulatorSettings getSettings() {
    return settings;
  }
}
