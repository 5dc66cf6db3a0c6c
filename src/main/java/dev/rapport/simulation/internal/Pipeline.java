package dev.rapport.simulation.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs database writes on a few threads while the caller generates the next batch. At most one task
 * per writer waits, so memory stays flat. The first failure stops the work: later tasks are skipped
 * and {@link #finish} (or the next {@link #submit}) rethrows it; each task already done stays done.
 */
final class Pipeline {

  private final String what;
  private final ExecutorService pool;
  private final Semaphore room;
  private final AtomicReference<RuntimeException> failure = new AtomicReference<>();

  /**
   * @param what what the writers load, for thread names and interruption messages
   */
  Pipeline(String what, int writers) {
    this.what = what;
    int n = Math.max(1, writers);
    this.room = new Semaphore(2 * n);
    this.pool =
        Executors.newFixedThreadPool(
            n,
            r -> {
              Thread t = new Thread(r, "rapport " + what + " writer");
              t.setDaemon(true);
              return t;
            });
  }

  /** Queues a task; blocks while every writer is busy and one task each waits. */
  void submit(Runnable task) {
    rethrow();
    try {
      room.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while loading the " + what, e);
    }
    pool.execute(
        () -> {
          try {
            if (failure.get() == null) {
              task.run();
            }
          } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
          } finally {
            room.release();
          }
        });
  }

  /** Waits for every queued task; rethrows the first failure. */
  void finish() {
    pool.shutdown();
    try {
      while (!pool.awaitTermination(1, TimeUnit.SECONDS)) {
        // Tasks take seconds at most; keep waiting.
      }
    } catch (InterruptedException e) {
      pool.shutdownNow();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while loading the " + what, e);
    }
    rethrow();
  }

  private void rethrow() {
    RuntimeException e = failure.get();
    if (e != null) {
      pool.shutdown();
      throw e;
    }
  }
}
