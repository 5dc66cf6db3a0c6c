package dev.rapport.publishing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A dispatch that only remembers what planning told it, in order. */
final class RecordingDispatch implements Dispatch {

  /** One notice: a schedule (with its time) or an unschedule (time null). */
  record Notice(long workspaceId, long variantId, Instant at) {}

  final List<Notice> notices = new ArrayList<>();

  @Override
  public synchronized void schedule(long workspaceId, long variantId, Instant at) {
    notices.add(new Notice(workspaceId, variantId, at));
  }

  @Override
  public synchronized void unschedule(long workspaceId, long variantId) {
    notices.add(new Notice(workspaceId, variantId, null));
  }

  synchronized Notice last() {
    return notices.get(notices.size() - 1);
  }
}
