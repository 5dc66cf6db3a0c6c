package dev.rapport.engagement;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Tracked links and their clicks. A click never stores the visitor's address: only a salted hash
 * whose salt changes every day, so that repeated clicks can be counted within a day and nobody can
 * be followed across days. Thread-safe.
 */
public interface TrackedLinks {

  TrackedLink create(long workspaceId, NewLink link);

  /** The link behind a short code, from any workspace: the redirect needs no login. */
  Optional<TrackedLink> byCode(String code);

  List<TrackedLink> forPost(long workspaceId, long postId);

  /** The workspace's links, newest first, and how many there are in all. */
  LinkPage list(long workspaceId, int offset, int limit);

  /** A page of links. */
  record LinkPage(List<TrackedLink> links, long total) {
    public LinkPage {
      links = List.copyOf(links);
    }
  }

  /**
   * Records a click. When the link names a person the click also enters the ledger as a CLICK
   * engagement of that person's first identity.
   *
   * @param visitor something that identifies the browser for a day (address and user agent); hashed
   *     with the day's salt, never stored
   */
  void recordClick(TrackedLink link, Instant at, String visitor, String referrer);

  /**
   * Records clicks in one transaction, as {@link #recordClick} does one by one: all of them or, on
   * an error, none.
   */
  void recordClicks(List<Click> clicks);

  long clicks(long workspaceId, long linkId);
}
