package dev.rapport.platforms;

import java.time.Duration;

/**
 * How much one sync run reads.
 *
 * @param pageSize engagements per platform call
 * @param maxPages engagement pages per run (the rest follows in the next run)
 * @param recentPostWindow published posts this young get their likes, reposts and replies read
 * @param recentPostLimit at most this many of them, newest first
 * @param followerInterval how often followers (with profiles) are read again
 * @param followerPages follower pages per run (a long pass resumes in the next run)
 * @param lease how long a run may hold a channel before another node may take it over
 */
public record SyncSettings(
    int pageSize,
    int maxPages,
    Duration recentPostWindow,
    int recentPostLimit,
    Duration followerInterval,
    int followerPages,
    Duration lease) {

  public static final SyncSettings DEFAULT =
      new SyncSettings(
          100, 50, Duration.ofDays(7), 20, Duration.ofHours(6), 20, Duration.ofMinutes(10));

  public SyncSettings {
    if (pageSize < 1 || maxPages < 1 || recentPostLimit < 0 || followerPages < 1) {
      throw new IllegalArgumentException("sync sizes must be positive");
    }
  }
}
