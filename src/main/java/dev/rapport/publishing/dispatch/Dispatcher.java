package dev.rapport.publishing.dispatch;

import dev.rapport.publishing.Dispatch;
import java.time.Duration;
import java.util.List;

/**
 * Publishes scheduled variants exactly once, on a persistent scheduler shared by every Rapport node
 * on the same database, and says honestly what happened on each channel.
 *
 * <p>Lifecycle: construct, register extra {@link #recurring recurring jobs}, {@link #start}, and
 * {@link #close} at shutdown. {@link #schedule}, {@link #unschedule}, {@link #retry} and the
 * queries work before start too (they only write the database).
 */
public interface Dispatcher extends Dispatch, AutoCloseable {

  /**
   * Adds a job that runs every {@code every} on exactly one node of the cluster (the engagement
   * sync, for example). Must be called before {@link #start}.
   *
   * @param name a stable name, unique among jobs (it is the row key in the scheduler's table)
   */
  void recurring(String name, Duration every, Runnable work);

  /** Starts polling for due variants and running the sweeper and the recurring jobs. */
  void start();

  /** True between {@link #start} and {@link #close}. */
  boolean running();

  /**
   * Publishes a failed or unconfirmed variant again, alone (the post's other channels are left as
   * they are). An unconfirmed variant is looked for on the platform first, so that retrying never
   * publishes it twice.
   *
   * @throws IllegalArgumentException when the variant is not in the workspace
   * @throws IllegalStateException when the variant is neither failed nor unconfirmed
   */
  void retry(long workspaceId, long variantId);

  /** The workspace's failed and unconfirmed variants with what happened and what to do. */
  List<DispatchFailure> failures(long workspaceId);

  /** What dispatch did with one variant, oldest first. */
  List<DispatchEvent> history(long workspaceId, long variantId);

  /** Runs the sweeper once now (also runs on its own every {@code sweepInterval}). */
  SweepReport sweep();

  /** Stops polling; running publishes finish first (up to the scheduler's shutdown wait). */
  @Override
  void close();
}
