package dev.rapport.platforms.graph;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;

/**
 * Meta's publishing limits are moving windows: a slot frees when the oldest post in the window is a
 * window old. Given the account's recent posts ({@code data[].timestamp}), the best estimate the
 * APIs allow of when that is — never sooner than a minute, a whole window when nothing is listed.
 */
public final class QuotaWindow {

  private QuotaWindow() {}

  public static Duration freesIn(GraphReply recentPosts, Instant now, Duration window) {
    Instant oldest = null;
    if (recentPosts instanceof GraphReply.Ok ok) {
      for (JsonNode m : ok.body().path("data")) {
        Instant at = GraphTime.parse(m.path("timestamp").asText(null));
        if (at != null
            && at.isAfter(now.minus(window))
            && (oldest == null || at.isBefore(oldest))) {
          oldest = at;
        }
      }
    }
    if (oldest == null) {
      return window;
    }
    Duration wait = Duration.between(now, oldest.plus(window));
    return wait.compareTo(Duration.ofMinutes(1)) < 0 ? Duration.ofMinutes(1) : wait;
  }
}
