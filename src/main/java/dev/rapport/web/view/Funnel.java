package dev.rapport.web.view;

import dev.rapport.engagement.TruthFormulas;
import dev.rapport.engagement.TruthSummary;
import java.util.ArrayList;
import java.util.List;

/** From the follower count the platforms show down to the people who buy. */
public final class Funnel {

  private Funnel() {}

  public static List<FunnelStep> of(TruthSummary s) {
    long days = s.window().toDays();
    long[] counts = {
      s.vanityFollowers(),
      s.followers(),
      s.authenticFollowers(),
      s.engagedAudience(),
      s.core(),
      s.customers()
    };
    String[][] text = {
      {"vanity", "Followers", "the count the platforms show"},
      {"known", "Known followers", "follower accounts Rapport has seen"},
      {"authentic", "Authentic followers", "real people, influencers and brands"},
      {
        "engaged",
        "Engaged audience",
        "authentic people who interacted in the last " + days + " days"
      },
      {
        "core",
        "Core",
        "engaged in at least "
            + TruthFormulas.CORE_MIN_WEEKS
            + " of the last "
            + TruthFormulas.CORE_WINDOW_WEEKS
            + " weeks"
      },
      {"customers", "Customers", "people who bought"}
    };
    long longest = 0;
    for (long c : counts) {
      longest = Math.max(longest, c);
    }
    List<FunnelStep> steps = new ArrayList<>();
    for (int i = 0; i < counts.length; i++) {
      steps.add(
          new FunnelStep(
              text[i][0],
              text[i][1],
              text[i][2],
              counts[i],
              TruthFormulas.share(counts[i], counts[0]),
              width(counts[i], longest),
              i == 0));
    }
    return List.copyOf(steps);
  }

  static int width(long count, long longest) {
    if (count <= 0 || longest <= 0) {
      return 0;
    }
    return (int) Math.max(1, Math.round(100.0 * count / longest));
  }
}
