package dev.rapport.people;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The response-time measure as plain arithmetic (nearest-rank percentiles). */
public final class ResponseTimes {
  private ResponseTimes() {}

  /**
   * @param answered waits answered in the window
   * @param open since when each unanswered reply or mention has waited
   */
  public static ResponseTime of(
      long channelId, String channel, List<Duration> answered, List<Instant> open, Instant asOf) {
    List<Duration> sorted = new ArrayList<>(answered);
    Collections.sort(sorted);
    Duration longest =
        open.stream().min(Instant::compareTo).map(t -> Duration.between(t, asOf)).orElse(null);
    return new ResponseTime(
        channelId,
        channel,
        sorted.size(),
        percentile(sorted, 0.5),
        percentile(sorted, 0.9),
        open.size(),
        longest);
  }

  /** Nearest rank: the smallest value with at least {@code p} of the values at or below it. */
  public static Duration percentile(List<Duration> sorted, double p) {
    if (sorted.isEmpty()) {
      return null;
    }
    int rank = (int) Math.ceil(p * sorted.size());
    return sorted.get(Math.max(0, rank - 1));
  }
}
