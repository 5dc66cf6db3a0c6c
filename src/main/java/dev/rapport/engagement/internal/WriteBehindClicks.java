package dev.rapport.engagement.internal;

import dev.rapport.engagement.Click;
import dev.rapport.engagement.ClickRecorder;
import dev.rapport.engagement.TrackedLinks;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Clicks queued by the redirect and written by one background thread, as many per transaction as
 * have arrived meanwhile. Under load the request threads no longer contend for the click table's
 * pages and pay one commit each; a click reaches the table a batch's write later (milliseconds).
 * The queue is bounded: when it is full the caller writes its click itself. Thread-safe.
 */
public final class WriteBehindClicks implements ClickRecorder {

  /** Enough for about a second at the redirect's measured peak. */
  public static final int DEFAULT_CAPACITY = 65_536;

  static final int MAX_BATCH = 2_000;

  /** How soon the writer notices close(). */
  private static final long POLL_MILLIS = 50;

  private static final Logger LOG = LoggerFactory.getLogger(WriteBehindClicks.class);

  private final TrackedLinks links;
  private final BlockingQueue<Click> queue;
  private final Object lifecycle = new Object();
  private Thread writer; // guarded by lifecycle; started on the first click
  private volatile boolean closed;

  public WriteBehindClicks(TrackedLinks links, int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
    }
    this.links = links;
    this.queue = new ArrayBlockingQueue<>(capacity);
  }

  @Override
  public void record(Click click) {
    if (closed || !queue.offer(click)) {
      write(List.of(click));
      return;
    }
    if (closed) {
      // close() may have finished its last drain before this offer: write what is left here.
      drainHere();
      return;
    }
    startWriter();
  }

  @Override
  public void close() {
    Thread running;
    synchronized (lifecycle) {
      closed = true;
      running = writer;
    }
    if (running != null) {
      // Not interrupted: an interrupt inside a database write can close H2's file channel.
      try {
        running.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    drainHere();
  }

  /** Clicks taken but not yet written (tests, diagnostics). */
  int waiting() {
    return queue.size();
  }

  private void startWriter() {
    synchronized (lifecycle) {
      if (writer == null && !closed) {
        writer = new Thread(this::run, "rapport-clicks");
        writer.setDaemon(true);
        writer.start();
      }
    }
  }

  private void run() {
    List<Click> batch = new ArrayList<>(MAX_BATCH);
    while (!closed) {
      try {
        Click first = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break; // close() drains what is left
      }
      queue.drainTo(batch, MAX_BATCH - 1);
      write(batch);
      batch.clear();
    }
  }

  private void drainHere() {
    List<Click> batch = new ArrayList<>(MAX_BATCH);
    while (queue.drainTo(batch, MAX_BATCH) > 0) {
      write(batch);
      batch.clear();
    }
  }

  private void write(List<Click> batch) {
    try {
      links.recordClicks(batch);
    } catch (RuntimeException e) {
      // The visitors reached their pages; the lost clicks are not silent.
      LOG.error("{} clicks not recorded: {}", batch.size(), e.toString(), e);
    }
  }
}
