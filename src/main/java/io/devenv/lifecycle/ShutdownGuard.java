package io.devenv.lifecycle;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Turns Ctrl-C (SIGINT, SIGTERM) into an interrupt of the thread doing the work, and holds the JVM
 * open until that thread has cleaned up. Without it the JVM would exit in the middle of
 * an engine start, leaving containers half made.
 *
 * <pre>{@code
 * ShutdownGuard guard = ShutdownGuard.interruptOnShutdown(Duration.ofSeconds(30));
 * try {
 *   engine.start(profile, options);   // an interrupt removes what this call created
 * } catch (DevenvException e) {
 *   err.println(e.getMessage());       // report first: closing the guard lets a signalled JVM end
 * } finally {
 *   guard.close();
 * }
 * }</pre>
 *
 * Not try-with-resources: it closes before the catch block runs, so after a signal the JVM could
 * end before the error is printed. Close it before {@code System.exit}, which would otherwise
 * wait for the hook while the hook waits for it.
 */
public final class ShutdownGuard implements AutoCloseable {
  private final Thread worker;
  private final CountDownLatch finished = new CountDownLatch(1);
  private final Thread hook;

  private ShutdownGuard(Thread worker, Duration grace) {
    this.worker = worker;
    this.hook = new Thread(() -> {
      this.worker.interrupt();
      try {
        finished.await(grace.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "devenv-shutdown-guard");
  }

  /** Guards the calling thread; the JVM waits up to {@code grace} for it after a signal. */
  public static ShutdownGuard interruptOnShutdown(Duration grace) {
    ShutdownGuard guard = new ShutdownGuard(Thread.currentThread(), grace);
    Runtime.getRuntime().addShutdownHook(guard.hook);
    return guard;
  }

  @Override
  public void close() {
    finished.countDown();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running: counting down above lets it return
    }
  }
}
