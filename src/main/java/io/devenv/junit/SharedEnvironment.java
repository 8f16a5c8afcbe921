package io.devenv.junit;

import io.devenv.aws.AwsClients;
import io.devenv.core.DevenvException;
import io.devenv.core.Progress;
import io.devenv.engine.DockerEngine;
import io.devenv.lifecycle.Clusters;
import io.devenv.lifecycle.Up;
import io.devenv.lifecycle.UpException;
import io.devenv.lifecycle.UpOptions;
import io.devenv.lifecycle.UpResult;
import io.devenv.profile.Profile;
import io.devenv.profile.ProfileLoader;
import io.devenv.report.JunitXmlReport;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * One environment shared by every test class of the JVM that asks for the same settings. Held in
 * JUnit's root store, so JUnit closes it once at the end of the run: then it is removed, unless it
 * was already running before the tests (attached), which it leaves as it found it.
 */
final class SharedEnvironment implements AutoCloseable {

  /** How many environments this JVM brought up (or attached to): lets tests prove sharing. */
  static final java.util.concurrent.atomic.AtomicInteger STARTS = new java.util.concurrent.atomic.AtomicInteger();

  private final Settings settings;
  private final Profile profile;
  private final UpResult up;
  private final RuntimeException failure;
  private final boolean attached;
  private AwsClients aws;
  private KubernetesClient kubernetes;

  private SharedEnvironment(Settings settings, Profile profile, UpResult up, RuntimeException failure, boolean attached) {
    this.settings = settings;
    this.profile = profile;
    this.up = up;
    this.failure = failure;
    this.attached = attached;
  }

  /** Starts (or attaches to) the environment; a failure is kept and thrown to every class that asks. */
  /** The project the environment belongs to: where its checkpoints are. */
  Path projectDir() {
    return settings.projectDir();
  }

  static SharedEnvironment start(Settings settings) {
    STARTS.incrementAndGet();
    Profile profile;
    try {
      profile = ProfileLoader.load(settings.profileFile());
    } catch (DevenvException e) {
      return failed(settings, null, e, false);
    }
    Progress progress = Progress.to(new PrintWriter(System.err, true, StandardCharsets.UTF_8));
    UpOptions options = (settings.engine() == UpOptions.Engine.EXTERNAL
        ? UpOptions.external(settings.projectDir(), settings.external())
        : UpOptions.docker(settings.projectDir())).withProgress(progress);
    boolean attached = settings.engine() == UpOptions.Engine.DOCKER && isRunning(settings.projectDir(), profile);
    Path report = settings.reportFile(profile.name());
    try {
      UpResult up = new Up(options).run(profile);
      if (report != null) {
        JunitXmlReport.write(report, profile.name(), up.checks());
      }
      return new SharedEnvironment(settings, profile, up, null, attached);
    } catch (UpException e) {
      if (report != null) {
        JunitXmlReport.write(report, profile.name(), e.checks());
      }
      return failed(settings, profile, e, attached);
    } catch (DevenvException e) {
      return failed(settings, profile, e, attached);
    }
  }

  private static SharedEnvironment failed(Settings settings, Profile profile, DevenvException e, boolean attached) {
    String text = "devenv could not bring up " + (profile == null ? settings.profileFile() : "profile " + profile.name())
        + ": " + e.getMessage() + (e.detail() == null ? "" : "\n" + e.detail());
    return new SharedEnvironment(settings, profile, null, new DevEnvStartException(text, e), attached);
  }

  private static boolean isRunning(Path projectDir, Profile profile) {
    try {
      DockerEngine.connect().attach(profile, projectDir);
      return true;
    } catch (DevenvException notRunning) {
      return false;
    }
  }

  /** The environment, or the failure that kept it from coming up. */
  UpResult require() {
    if (failure != null) {
      throw failure;
    }
    return up;
  }

  Settings settings() {
    return settings;
  }

  Profile profile() {
    return profile;
  }

  boolean attached() {
    return attached;
  }

  synchronized AwsClients aws() {
    if (require().environment().aws() == null) {
      throw new IllegalStateException("profile " + profile.name() + " runs no AWS emulator");
    }
    if (aws == null) {
      aws = new AwsClients(up.environment().aws());
    }
    return aws;
  }

  synchronized KubernetesClient kubernetes() {
    if (require().environment().cluster() == null) {
      throw new IllegalStateException("profile " + profile.name() + " runs no Kubernetes");
    }
    if (kubernetes == null) {
      kubernetes = Clusters.client(up.environment().cluster());
    }
    return kubernetes;
  }

  @Override
  public synchronized void close() {
    if (aws != null) {
      aws.close();
    }
    if (kubernetes != null) {
      kubernetes.close();
    }
    if (up != null) {
      up.close();
    }
    if (!attached && settings.engine() == UpOptions.Engine.DOCKER && profile != null) {
      DockerEngine.connect().down(settings.projectDir(), profile.name(), false);
    }
  }
}
