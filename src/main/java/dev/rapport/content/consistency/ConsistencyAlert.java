package dev.rapport.content.consistency;

import java.util.Locale;

/** Something the brand should act on now, with the numbers behind it. */
public sealed interface ConsistencyAlert {

  String message();

  /** Fewer days of content scheduled than the threshold. */
  record RunwayShort(double runwayDays, double thresholdDays, int scheduledPosts)
      implements ConsistencyAlert {
    @Override
    public String message() {
      return String.format(
          Locale.ROOT,
          "Only %.1f days of content scheduled (%d posts); keep at least %.0f days.",
          runwayDays,
          scheduledPosts,
          thresholdDays);
    }
  }

  /** The time since the last post is longer than the plan allows. */
  record GapExceedsPlan(Gap gap, double allowedDays) implements ConsistencyAlert {
    @Override
    public String message() {
      return String.format(
          Locale.ROOT, "No post for %.1f days; the plan allows %.1f.", gap.days(), allowedDays);
    }
  }
}
