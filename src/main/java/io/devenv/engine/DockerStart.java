package io.devenv.engine;

import io.devenv.core.DevenvException;
import io.devenv.core.ExitCode;
import io.devenv.engine.EnvironmentStarter.Started;
import io.devenv.environment.AwsAccess;
import io.devenv.environment.ClusterAccess;
import io.devenv.environment.Environment;
import io.devenv.profile.Profile;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * A {@link DockerEngine} start under way ({@link EnvironmentStarter#begin}): the emulator's and
 * k3s's starts as futures; see {@link EngineStart} for what each call promises.
 */
final class DockerStart implements EngineStart {
  private final Profile profile;
  private final CompletableFuture<Started<AwsAccess>> aws;
  private final CompletableFuture<Started<ClusterAccess>> k3s;
  private final AtomicBoolean cancelled;
  private final BooleanSupplier emulatorEmpty;
  private final boolean keep;
  /** Stops the parts still starting and removes the containers of the roles given (unless kept). */
  private final Consumer<List<String>> stopAndRemove;
  /** Completed exceptionally by the first part that fails by itself. */
  private final CompletableFuture<Void> failure = new CompletableFuture<>();
  private boolean over;

  DockerStart(Profile profile, CompletableFuture<Started<AwsAccess>> aws, CompletableFuture<Started<ClusterAccess>> k3s,
      AtomicBoolean cancelled, BooleanSupplier emulatorEmpty, boolean keep, Consumer<List<String>> stopAndRemove) {
    this.profile = profile;
    this.aws = aws;
    this.k3s = k3s;
    this.cancelled = cancelled;
    this.emulatorEmpty = emulatorEmpty;
    this.keep = keep;
    this.stopAndRemove = stopAndRemove;
    aws.whenComplete((started, e) -> failed(e));
    k3s.whenComplete((started, e) -> failed(e));
  }

  private void failed(Throwable e) {
    if (e != null && !cancelled.get()) {
      failure.completeExceptionally(e instanceof java.util.concurrent.CompletionException c && c.getCause() != null ? c.getCause() : e);
    }
  }

  @Override
  public AwsAccess aws() {
    await(CompletableFuture.anyOf(aws, failure));
    Started<AwsAccess> started = aws.join();
    return started == null ? null : started.access();
  }

  @Override
  public Environment environment() {
    await(CompletableFuture.anyOf(CompletableFuture.allOf(aws, k3s), failure));
    Started<AwsAccess> a = aws.join();
    Started<ClusterAccess> c = k3s.join();
    synchronized (this) {
      over = true;
    }
    return new Environment(profile, a == null ? null : a.access(), c == null ? null : c.access());
  }

  /** Waits; a failure or an interrupt ends the whole start, as a failed start always did. */
  private void await(CompletableFuture<?> future) {
    try {
      future.get();
    } catch (InterruptedException e) {
      stop(true);
      Thread.currentThread().interrupt();
      throw new DevenvException(ExitCode.INTERRUPTED, "Interrupted: " + (keep
          ? "kept what this start had created (--keep)" : "removed what this start had created"), e);
    } catch (ExecutionException e) {
      stop(true);
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      throw DevenvException.failure("Could not start the environment: " + cause, cause);
    }
  }

  @Override
  public boolean emulatorEmpty() {
    return succeeded(aws) && emulatorEmpty.getAsBoolean();
  }

  @Override
  public boolean ready() {
    return succeeded(aws) && succeeded(k3s);
  }

  @Override
  public void onFailure(Runnable listener) {
    failure.whenComplete((v, e) -> {
      if (e != null) {
        listener.run();
      }
    });
  }

  @Override
  public void abandon() {
    stop(failure.isCompletedExceptionally());
  }

  private void stop(boolean all) {
    List<String> roles = new ArrayList<>();
    synchronized (this) {
      if (over) {
        return;
      }
      over = true;
    }
    if (all || !succeeded(aws)) {
      roles.add(EnvironmentStarter.AWS);
    }
    if (all || !succeeded(k3s)) {
      roles.add(EnvironmentStarter.K3S);
    }
    stopAndRemove.accept(roles);
  }

  private static boolean succeeded(CompletableFuture<?> part) {
    return part.isDone() && !part.isCompletedExceptionally();
  }
}
