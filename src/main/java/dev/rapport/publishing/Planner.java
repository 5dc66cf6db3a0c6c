package dev.rapport.publishing;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;

/**
 * The plan: calendar views, per-channel time-slot queues with blocked dates, scheduling (through
 * the review rules and the quality gates), recurring and evergreen posts. Every scheduling change
 * is told to {@link Dispatch} once committed. Days and slots are in the workspace's time zone.
 * Thread-safe.
 */
public interface Planner {

  /** Every day of the month with the variants published, scheduled or planned on it. */
  List<CalendarDay> month(long workspaceId, YearMonth month);

  /** The Monday-to-Sunday week holding {@code anyDay}. */
  List<CalendarDay> week(long workspaceId, LocalDate anyDay);

  /** Every day from {@code first} to {@code last} (inclusive, at most {@link #MAX_DAYS} days). */
  List<CalendarDay> days(long workspaceId, LocalDate first, LocalDate last);

  /** The longest range {@link #days} answers: a year and a day, so that a year fits any start. */
  int MAX_DAYS = 367;

  /** Replaces the channel's weekly slots. */
  void setSlots(long actor, long workspaceId, long channelId, List<Slot> slots);

  List<Slot> slots(long workspaceId, long channelId);

  /** Blocks a day for one channel, or for all when {@code channelId} is null; returns its id. */
  long block(long actor, long workspaceId, Long channelId, LocalDate day, String reason);

  void unblock(long actor, long workspaceId, long blockedId);

  List<BlockedDate> blocked(long workspaceId, LocalDate from, LocalDate to);

  /** The channel's first free, unblocked slot strictly after {@code after}, within a year. */
  Optional<Instant> nextFreeSlot(long workspaceId, long channelId, Instant after);

  /**
   * Schedules (or moves) a variant at {@code at}: the review rules must allow it and the gates must
   * pass, or {@code override} (a manager's, naming every failed gate) must cover them. Null {@code
   * at} means the time the author planned.
   */
  ScheduleOutcome schedule(
      long actor, long workspaceId, long variantId, Instant at, GateOverride override);

  /** Schedules a variant at its channel's next free slot ("add to queue"). */
  ScheduleOutcome addToQueue(long actor, long workspaceId, long variantId, GateOverride override);

  /** Takes a scheduled variant out of the schedule; it keeps its approval. */
  void unschedule(long actor, long workspaceId, long variantId, String reason);

  /**
   * Repeats a post whose variants are scheduled: a copy of it, scheduled, for each later occurrence
   * of the rule. Occurrences that fail a gate (a full day, say) are not made.
   */
  SeriesOutcome repeat(long actor, long workspaceId, long postId, Recurrence rule);

  /** Marks a post whose variants are scheduled as evergreen; {@link #refillEvergreen} re-queues. */
  long evergreen(long actor, long workspaceId, long postId, Evergreen rule);

  /**
   * For every evergreen series of the workspace whose last occurrence is published: a new copy
   * added to each channel's queue, no earlier than the cooldown after publication and not after the
   * series' end date. Safe to call at any time (a series with an occurrence still pending is left).
   */
  List<SeriesOutcome> refillEvergreen(long workspaceId);

  /**
   * What a repeat or refill made.
   *
   * @param created the new posts' ids
   * @param skipped one plain line per occurrence not made, with why
   */
  record SeriesOutcome(long seriesId, List<Long> created, List<String> skipped) {
    public SeriesOutcome {
      created = List.copyOf(created);
      skipped = List.copyOf(skipped);
    }
  }
}
