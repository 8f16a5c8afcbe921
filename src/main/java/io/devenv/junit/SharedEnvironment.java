package io.devenv.junit;

import io.devenv.core.DevenvException;
import io.devenv.core.Progress;
import io.devenv.lifecycle.EnvironmentClients;
import io.devenv.lifecycle.Checkpoints;
import io.devenv.lifecycle.Operations;
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
  private EnvironmentClients clients;

  private SharedEnvironment(Settings settings, Profile profile, UpResult up, RuntimeException failure, boolean attached) {
    this.settings = settings;
    this.profile = profile;
    this.up = up;
    this.failure = failure;
    this.attached = attached;
  }

  /** Starts (or attaches to) the environment; a failure is kept and thrown to every class that asks. */
  static SharedEnvironment start(Settings settings) {
    STARTS.incrementAndGet();
    Profile profile;
    try {
      profile = ProfileLoader.load(settings.profileFile());
    } catch (DevenvException e) {
      return failed(settings, null, e, false);
    }
    Progress progress = Progress.to(new PrintWriter(System.err, true, StandardCharsets.UTF_8));
    UpOptions options = UpOptions.of(settings.projectDir(), settings.engineChoice()).withProgress(progress);
    boolean attached = isRunning(settings, profile);
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

  /** Whether it ran before the tests: then it is left as it was found (an external one always is). */
  private static boolean isRunning(Settings settings, Profile profile) {
    return operations(settings).running(profile);
  }

  /** The checkpoint operations of the project, on the same engine. */
  static Checkpoints checkpoints(Settings settings) {
    return new Checkpoints(settings.projectDir(), operations(settings),
        Progress.to(new PrintWriter(System.err, true, StandardCharsets.UTF_8)));
  }

  static Operations operations(Settings settings) {
    return new Operations(settings.projectDir(), settings.engineChoice(), System.getenv(),
        Progress.to(new PrintWriter(System.err, true, StandardCharsets.UTF_8)));
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

  /** A client of the environment, shared by every test of the run. */
  synchronized Object client(Class<?> type) {
    return clients().client(type);
  }

  synchronized KubernetesClient kubernetes() {
    return clients().kubernetes();
  }

  private EnvironmentClients clients() {
    if (clients == null) {
      clients = new EnvironmentClients(require().environment());
    }
    return clients;
  }

  @Override
  public synchronized void close() {
    if (clients != null) {
      clients.close();
    }
    if (up != null) {
      up.close();
    }
    if (!attached && profile != null) {
      operations(settings).down(profile.name(), false);
    }
  }
}
