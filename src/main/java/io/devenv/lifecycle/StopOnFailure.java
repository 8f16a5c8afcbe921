package io.devenv.lifecycle;

/**
 * Interrupts a working thread when something it overlaps with fails (the cluster booting while the
 * AWS steps run), and only while it is open: closing it, on that thread, clears an interrupt it
 * sent, so that the next wait meets the failure itself rather than the interrupt.
 */
final class StopOnFailure implements AutoCloseable {
  private final Thread worker;
  private boolean open = true;
  private boolean fired;

  StopOnFailure(Thread worker) {
    this.worker = worker;
  }

  /** Called from the thread that saw the failure. */
  synchronized void fire() {
    if (open && !fired) {
      fired = true;
      worker.interrupt();
    }
  }

  synchronized boolean fired() {
    return fired;
  }

  /** Called on the worker thread once its overlapping work is over. */
  @Override
  public synchronized void close() {
    open = false;
    if (fired) {
      Thread.interrupted();
    }
  }
}
