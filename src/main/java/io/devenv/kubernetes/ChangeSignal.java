package io.devenv.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Wakes a waiting thread as soon as a watched object changes, so readiness is seen when it
 * happens rather than at the next poll. Watches that fail are given up silently: the waiter also
 * re-checks on a fixed interval, so a missing watch only makes it slower.
 */
final class ChangeSignal implements AutoCloseable {

  private final Semaphore changes = new Semaphore(0);
  private final List<Watch> watches = new ArrayList<>();

  /** Watches pods and workloads in each namespace, and CustomResourceDefinitions when asked. */
  ChangeSignal(KubernetesClient client, Collection<String> namespaces, boolean crds) {
    for (String ns : namespaces) {
      watch(() -> client.pods().inNamespace(ns).watch(watcher()));
      watch(() -> client.apps().deployments().inNamespace(ns).watch(watcher()));
      watch(() -> client.apps().statefulSets().inNamespace(ns).watch(watcher()));
      watch(() -> client.apps().daemonSets().inNamespace(ns).watch(watcher()));
      watch(() -> client.batch().v1().jobs().inNamespace(ns).watch(watcher()));
    }
    if (crds) {
      watch(() -> client.apiextensions().v1().customResourceDefinitions().watch(watcher()));
    }
  }

  /**
   * Waits until something changed or {@code timeout} passed, whichever comes first.
   *
   * @throws InterruptedException when the thread is interrupted
   */
  void await(Duration timeout) throws InterruptedException {
    if (changes.tryAcquire(Math.max(timeout.toMillis(), 0), TimeUnit.MILLISECONDS)) {
      changes.drainPermits(); // a burst of events needs one re-check, not one each
    }
  }

  private <T> Watcher<T> watcher() {
    return new Watcher<>() {
      @Override
      public void eventReceived(Action action, T resource) {
        changes.release();
      }

      @Override
      public void onClose(WatcherException cause) {
        changes.release();
      }
    };
  }

  private interface Opener {
    Watch open();
  }

  private void watch(Opener opener) {
    try {
      watches.add(opener.open());
    } catch (RuntimeException e) {
      // Polling covers for it.
    }
  }

  @Override
  public void close() {
    watches.forEach(Watch::close);
  }
}
