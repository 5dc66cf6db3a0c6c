package dev.rapport.simulation.internal;

import dev.rapport.engagement.Engagement;
import dev.rapport.engagement.IngestResult;
import dev.rapport.engagement.Ledger;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands batches of events to the ledger on as many threads as it can use at once ({@link
 * Ledger#concurrentIngests}), while the caller generates the next batch. At most one batch per
 * writer waits, so memory stays flat. The first failure stops the loading: later batches are
 * refused and {@link #finish} rethrows it; each batch already written stays written (a batch is one
 * transaction).
 */
public final class LedgerWriters {

  private final Ledger ledger;
  private final long workspaceId;
  private final Pipeline pipeline;
  private final AtomicLong written = new AtomicLong();
  private final AtomicLong inserted = new AtomicLong();
  private final AtomicLong duplicates = new AtomicLong();
  private final AtomicLong received = new AtomicLong();
  private final AtomicLong cpuNanos = new AtomicLong();
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

  public LedgerWriters(Ledger ledger, long workspaceId) {
    this.ledger = ledger;
    this.workspaceId = workspaceId;
    this.pipeline = new Pipeline("ledger", ledger.concurrentIngests());
  }

  /** Queues a copy of {@code batch}; blocks while every writer is busy and one batch each waits. */
  public void submit(List<Engagement> batch) {
    List<Engagement> copy = List.copyOf(batch);
    pipeline.submit(
        () -> {
          long cpu = threads.getCurrentThreadCpuTime();
          IngestResult r = ledger.ingest(workspaceId, copy);
          cpuNanos.addAndGet(threads.getCurrentThreadCpuTime() - cpu);
          received.addAndGet(r.received());
          inserted.addAndGet(r.inserted());
          duplicates.addAndGet(r.duplicates());
          written.addAndGet(copy.size());
        });
  }

  /** Events of finished batches not yet reported by this method (for a progress bar). */
  public long drainWritten() {
    return written.getAndSet(0);
  }

  /** Waits for every queued batch; rethrows the first failure. */
  public IngestResult finish() {
    pipeline.finish();
    return new IngestResult(received.get(), inserted.get(), duplicates.get());
  }

  /** CPU time the writer threads spent inside the ledger's ingest calls. */
  public long cpuNanos() {
    return cpuNanos.get();
  }
}
