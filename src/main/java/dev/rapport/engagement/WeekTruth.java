package dev.rapport.engagement;

import java.time.LocalDate;

/** Posts published in one week (Monday, UTC) with their mean raw and authentic rates. */
public record WeekTruth(
    LocalDate weekStart,
    int posts,
    double rawRate,
    double authenticRate,
    long engagements,
    long authenticEngagements,
    long botEngagements) {

  public double botShare() {
    return TruthFormulas.share(botEngagements, engagements);
  }
}
