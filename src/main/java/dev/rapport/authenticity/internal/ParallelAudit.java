package dev.rapport.authenticity.internal;

import dev.rapport.authenticity.Audit;
import dev.rapport.authenticity.AuditSink;
import dev.rapport.authenticity.Auditor;
import dev.rapport.authenticity.ProfileReader;
import dev.rapport.authenticity.ProfileSnapshot;
import dev.rapport.authenticity.ReadErrors;
import dev.rapport.authenticity.Verdict;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;

/**
 * The engine behind {@link Auditor}: one reading thread, a bounded number of blocks in flight (so
 * memory stays constant whatever the file size), and worker threads that parse and score. Each
 * block is aggregated into its own {@link Audit} and merged. One instance per run.
 */
public final class ParallelAudit {

  static final int BLOCK_BYTES = 4 << 20;
  static final int BATCH_PROFILES = 8192;

  private final Auditor auditor;
  private final Audit total;
  private final ReadErrors errors;
  private final AtomicReference<RuntimeException> failure = new AtomicReference<>();

  public ParallelAudit(Auditor auditor) {
    this.auditor = auditor;
    this.total = new Audit(auditor.target());
    this.errors = new ReadErrors(auditor.read().maxErrors());
  }

  public Auditor.Outcome run(List<Path> files, AuditSink sink, LongConsumer progress) {
    ExecutorService pool = Executors.newFixedThreadPool(auditor.threads(), daemonThreads());
    Semaphore inFlight = new Semaphore(auditor.threads() * 2);
    long[] bytes = {0};
    try {
      for (Path f : files) {
        readFile(f, pool, inFlight, sink, b -> progress.accept(bytes[0] += b));
        if (failure.get() != null) {
          break;
        }
      }
      inFlight.acquireUninterruptibly(auditor.threads() * 2);
    } finally {
      pool.shutdown();
      try {
        pool.awaitTermination(1, TimeUnit.MINUTES);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (failure.get() != null) {
      throw failure.get();
    }
    return new Auditor.Outcome(total, errors.count(), errors.details());
  }

  private void readFile(
      Path file, ExecutorService pool, Semaphore inFlight, AuditSink sink, LongConsumer progress) {
    String name = file.getFileName().toString();
    try (InputStream raw = new Counting(Files.newInputStream(file), progress);
        BufferedInputStream in = new BufferedInputStream(raw, ProfileFiles.BUFFER)) {
      ProfileFiles.Kind kind = ProfileFiles.sniff(in, name);
      if (kind == ProfileFiles.Kind.JSON_LINES) {
        LineBlocks blocks = new LineBlocks(in, BLOCK_BYTES);
        for (LineBlocks.Block b = blocks.next(); b != null; b = blocks.next()) {
          LineBlocks.Block block = b;
          submit(
              pool,
              inFlight,
              audit -> {
                JsonLines parser = new JsonLines(name, auditor.read().defaultObservedAt());
                parser.parse(block, errors, p -> score(p, audit, sink));
              });
          if (failure.get() != null) {
            return;
          }
        }
        return;
      }
      ProfileReader reader =
          kind == ProfileFiles.Kind.CSV
              ? new CsvProfileReader(in, name, auditor.read(), errors)
              : new JsonProfileReader(in, name, auditor.read(), false, errors);
      List<ProfileSnapshot>[] batch = new List[] {new ArrayList<>(BATCH_PROFILES)};
      reader.readAll(
          p -> {
            batch[0].add(p);
            if (batch[0].size() == BATCH_PROFILES) {
              scoreBatch(pool, inFlight, batch[0], sink);
              batch[0] = new ArrayList<>(BATCH_PROFILES);
            }
          });
      scoreBatch(pool, inFlight, batch[0], sink);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private void scoreBatch(
      ExecutorService pool, Semaphore inFlight, List<ProfileSnapshot> batch, AuditSink sink) {
    if (batch.isEmpty()) {
      return;
    }
    submit(
        pool,
        inFlight,
        audit -> {
          for (ProfileSnapshot p : batch) {
            score(p, audit, sink);
          }
        });
  }

  private void score(ProfileSnapshot p, Audit audit, AuditSink sink) {
    Verdict v = auditor.verdict(p);
    audit.add(p, v);
    sink.verdict(p, v);
  }

  private interface Work {
    void into(Audit audit);
  }

  private void submit(ExecutorService pool, Semaphore inFlight, Work work) {
    inFlight.acquireUninterruptibly();
    pool.execute(
        () -> {
          try {
            Audit part = new Audit(auditor.target());
            work.into(part);
            synchronized (total) {
              total.merge(part);
            }
          } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
          } finally {
            inFlight.release();
          }
        });
  }

  private static java.util.concurrent.ThreadFactory daemonThreads() {
    return r -> {
      Thread t = new Thread(r, "rapport-audit");
      t.setDaemon(true);
      return t;
    };
  }

  /** Reports bytes as they are read. */
  private static final class Counting extends FilterInputStream {
    private final LongConsumer progress;

    Counting(InputStream in, LongConsumer progress) {
      super(in);
      this.progress = progress;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        progress.accept(n);
      }
      return n;
    }
  }
}
