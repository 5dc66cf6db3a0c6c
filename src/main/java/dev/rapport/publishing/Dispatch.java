package dev.rapport.publishing;

import java.time.Instant;

/**
 * The seam between planning and dispatch. Planning calls it when a variant becomes scheduled, is
 * moved, or is taken back; dispatch publishes each scheduled variant exactly once at its time.
 * Dispatch also sweeps: a scheduled variant it was never told about is still found and handled.
 */
public interface Dispatch {

  /** The variant (state {@code scheduled}) is due at {@code at}; replaces an earlier time. */
  void schedule(long workspaceId, long variantId, Instant at);

  /** The variant is no longer scheduled (back to draft, deleted). No-op when already dispatched. */
  void unschedule(long workspaceId, long variantId);
}
