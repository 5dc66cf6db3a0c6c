package dev.rapport.content.quality;

import dev.rapport.content.quality.internal.SlotRanking;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.List;

/**
 * The best times to post on one channel, from the channel's own engagement history.
 *
 * @param source which history the ranking rests on
 * @param posts how many posts it rests on
 * @param slots the best slots, best first (at most {@value SlotRanking#TOP})
 */
public record BestTimes(Source source, int posts, List<Slot> slots) {

  /** Where the ranking comes from (see docs/content.md for the fallback). */
  public enum Source {
    /** The last 16 weeks held enough posts. */
    LAST_16_WEEKS,
    /** The last 16 weeks were thin, so the whole history was used. */
    ALL_HISTORY,
    /** Too little history: a stated default, not evidence. */
    DEFAULT_TOO_THIN
  }

  /**
   * A weekday and a block of hours in the brand's time zone.
   *
   * @param typicalEngagement shrunken mean engagement of posts in the slot (geometric, see docs)
   * @param posts how many past posts fell in the slot (0 for the default)
   */
  public record Slot(
      DayOfWeek day, int fromHour, int toHour, double typicalEngagement, int posts) {}

  public BestTimes {
    slots = List.copyOf(slots);
  }

  public static BestTimes from(List<PastPost> channelHistory, Clock clock, ZoneId zone) {
    return SlotRanking.rank(channelHistory, clock, zone);
  }
}
