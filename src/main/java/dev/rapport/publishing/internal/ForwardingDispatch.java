package dev.rapport.publishing.internal;

import dev.rapport.publishing.Dispatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The planner's side of the seam until the dispatcher is attached at start-up. Notices given before
 * then are not kept: the dispatcher's sweeper finds every scheduled variant by its state and time,
 * so a missed notice delays nothing past the sweep. Thread-safe.
 */
public final class ForwardingDispatch implements Dispatch {

  private final AtomicReference<Dispatch> target = new AtomicReference<>();

  /** Sends all later notices to {@code dispatch}. */
  public void attach(Dispatch dispatch) {
    target.set(dispatch);
  }

  public boolean attached() {
    return target.get() != null;
  }

  @Override
  public void schedule(long workspaceId, long variantId, java.time.Instant at) {
    Dispatch d = target.get();
    if (d != null) {
      d.schedule(workspaceId, variantId, at);
    }
  }

  @Override
  public void unschedule(long workspaceId, long variantId) {
    Dispatch d = target.get();
    if (d != null) {
      d.unschedule(workspaceId, variantId);
    }
  }
}
