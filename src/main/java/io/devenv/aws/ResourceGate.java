package io.devenv.aws;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each resource of a provisioning run is ready, so that work on one resource (its seed data)
 * can start as soon as that resource exists rather than after every resource: the
 * {@link AwsProvisioner} opens a resource's gate once it is provisioned as declared (a bucket with
 * its notifications, a queue with its policy), and fails every gate still closed when the run fails.
 */
public final class ResourceGate {
  private final Map<String, CompletableFuture<Void>> gates = new ConcurrentHashMap<>();
  private volatile Throwable failure;
  private volatile boolean finished;

  /** Completes once the resource is provisioned; completes exceptionally if provisioning fails first. */
  public CompletableFuture<Void> of(String kind, String name) {
    CompletableFuture<Void> gate = gates.computeIfAbsent(kind + " " + name, k -> new CompletableFuture<>());
    Throwable failed = failure;
    if (failed != null) {
      gate.completeExceptionally(failed);
    } else if (finished) {
      gate.complete(null);
    }
    return gate;
  }

  /**
   * Opens every gate still closed (and any asked for later): provisioning ended well, so whatever
   * waits on a resource it did not make (none, after validation) goes on as it would after it.
   */
  public void finish() {
    finished = true;
    gates.values().forEach(g -> g.complete(null));
  }

  /** Opens the resource's gate. */
  public void ready(String kind, String name) {
    of(kind, name).complete(null);
  }

  /** Fails every gate not yet open (and any asked for later): provisioning stopped. */
  public void fail(Throwable cause) {
    failure = cause;
    gates.values().forEach(g -> g.completeExceptionally(cause));
  }

  /** Whether provisioning failed. */
  public boolean failed() {
    return failure != null;
  }
}
