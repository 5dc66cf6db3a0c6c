package dev.rapport.content.quality.internal;

import dev.rapport.content.quality.Dimension;
import dev.rapport.content.quality.FeatureSet;
import dev.rapport.content.quality.PlannedPost;
import dev.rapport.content.quality.RubricReport;
import java.time.DayOfWeek;
import java.util.Arrays;
import java.util.List;

/**
 * Turns a post and its rubric report into a feature row. The topic list is fixed at training time
 * (the first topic is the reference level). Immutable.
 */
record PostFeatures(FeatureSet set, List<String> topics) {

  double[] row(PlannedPost post, RubricReport report) {
    double length = Math.log1p(post.text().codePointCount(0, post.text().length()));
    double[] rubric = new double[Dimension.values().length];
    for (Dimension d : Dimension.values()) {
      rubric[d.ordinal()] = report.score(d) / 100.0;
    }
    return switch (set) {
      case LENGTH -> new double[] {length};
      case MEDIA -> new double[] {post.media().isEmpty() ? 0 : 1};
      case RUBRIC -> rubric;
      case RUBRIC_TEXT -> Arrays.copyOf(rubric, Dimension.PLATFORM_FIT.ordinal());
      case FULL -> full(post, report, length, rubric);
    };
  }

  private double[] full(PlannedPost post, RubricReport report, double length, double[] rubric) {
    int topicColumns = Math.max(0, topics.size() - 1);
    double[] row = new double[8 + rubric.length + 6 + 2 + topicColumns];
    int c = 0;
    row[c++] = length;
    row[c++] = !post.media().isEmpty() ? 1 : 0;
    row[c++] = report.has("tracked_link") || report.has("untracked_link") ? 1 : 0;
    row[c++] = report.has("question") ? 1 : 0;
    row[c++] = report.has("concrete_number") ? 1 : 0;
    row[c++] = report.has("named") ? 1 : 0;
    row[c++] = report.has("call_to_action") ? 1 : 0;
    row[c++] = report.has("addresses_reader") ? 1 : 0;
    for (double r : rubric) {
      row[c++] = r;
    }
    DayOfWeek day = post.publishedAt().getDayOfWeek();
    for (int d = 2; d <= 7; d++) {
      row[c++] = day.getValue() == d ? 1 : 0;
    }
    double hour = post.publishedAt().getHour() + post.publishedAt().getMinute() / 60.0;
    row[c++] = Math.sin(2 * Math.PI * hour / 24);
    row[c++] = Math.cos(2 * Math.PI * hour / 24);
    for (int t = 1; t < topics.size(); t++) {
      row[c++] = topics.get(t).equals(post.topic()) ? 1 : 0;
    }
    return row;
  }
}
