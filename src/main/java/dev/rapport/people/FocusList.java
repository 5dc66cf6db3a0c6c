package dev.rapport.people;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * "Who to engage with today": a ranked list of real people with the reasons, materialised so that
 * reading it is one index range whatever the size of the audience. {@link #refresh} keeps it
 * current incrementally (new ledger events, merges, once a day the people whose reasons depend on
 * time). Thread-safe.
 */
public interface FocusList {

  int DEFAULT_LIMIT = 50;

  /** Brings the list up to date with the ledger as of {@code asOf}. */
  Refresh refresh(long workspaceId, Instant asOf);

  /** The top of the list as of the last refresh, highest score first. */
  List<FocusItem> today(long workspaceId, int limit);

  /**
   * Records what the brand did about one reason on the person's timeline, and takes that reason off
   * the list. Answering ({@link BrandAction#REPLIED}, or settling {@link FocusKind#UNANSWERED})
   * settles the person's waiting replies and mentions on {@code channelId} (all channels when
   * null); the waits enter the response-time measure.
   */
  DoneOutcome done(
      long workspaceId,
      long personId,
      FocusKind settled,
      BrandAction action,
      Long channelId,
      String note,
      Instant at);

  /** Response time per channel: waits answered in (asOf − window, asOf], and those still open. */
  List<ResponseTime> responseTimes(long workspaceId, Instant asOf, Duration window);

  /** What a refresh did: persons looked at, persons on the list afterwards. */
  record Refresh(int examined, long onList) {}
}
