package dev.rapport.content.quality.internal;

import dev.rapport.content.quality.Insight;
import dev.rapport.content.quality.PastPost;
import dev.rapport.content.quality.RubricReport;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.BiPredicate;

/**
 * Plain-words comparisons from the brand's history: the median engagement of posts with a feature
 * against those without. A side with fewer than {@code minGroup} posts gives "too few to say"; a
 * ratio within ±{@value #SAME_WITHIN}× gives "about the same". Stateless.
 */
final class Insights {

  static final double SAME_WITHIN = 1.15;
  static final int RUBRIC_BAR = 70;

  private record Feature(String code, String phrase, BiPredicate<PastPost, RubricReport> test) {}

  private static final List<Feature> FEATURES =
      List.of(
          new Feature("concrete_number", "a concrete number", (p, r) -> r.has("concrete_number")),
          new Feature("question", "a question", (p, r) -> r.has("question")),
          new Feature("call_to_action", "a call to action", (p, r) -> r.has("call_to_action")),
          new Feature("link", "a link", (p, r) -> r.has("tracked_link") || r.has("untracked_link")),
          new Feature("media", "an image or a video", (p, r) -> !p.post().media().isEmpty()),
          new Feature("named", "a name (person, place, product)", (p, r) -> r.has("named")),
          new Feature("addresses_reader", "\"you\" in them", (p, r) -> r.has("addresses_reader")),
          new Feature(
              "rubric_bar",
              "a rubric score of " + RUBRIC_BAR + " or more",
              (p, r) -> r.overall() >= RUBRIC_BAR));

  private Insights() {}

  static List<Insight> find(List<PastPost> posts, List<RubricReport> reports, int minGroup) {
    List<Insight> insights = new ArrayList<>();
    for (Feature feature : FEATURES) {
      List<Double> with = new ArrayList<>();
      List<Double> without = new ArrayList<>();
      for (int i = 0; i < posts.size(); i++) {
        (feature.test().test(posts.get(i), reports.get(i)) ? with : without)
            .add(posts.get(i).engagement());
      }
      insights.add(compare(feature, with, without, posts.size(), minGroup));
    }
    insights.sort(
        Comparator.comparingDouble(
                (Insight i) -> Double.isNaN(i.ratio()) ? -1 : Math.abs(Math.log(i.ratio())))
            .reversed());
    return insights;
  }

  private static Insight compare(
      Feature feature, List<Double> with, List<Double> without, int total, int minGroup) {
    String counts =
        String.format(
            Locale.ROOT,
            "(%d with, %d without, over %d posts)",
            with.size(),
            without.size(),
            total);
    if (with.size() < minGroup || without.size() < minGroup) {
      return new Insight(
          feature.code(),
          "Too few posts with and without " + feature.phrase() + " to say " + counts + ".",
          Double.NaN,
          with.size(),
          without.size());
    }
    double mWith = Stats.median(with.stream().mapToDouble(Double::doubleValue).toArray());
    double mWithout = Stats.median(without.stream().mapToDouble(Double::doubleValue).toArray());
    double ratio = (mWith + 1) / (mWithout + 1);
    String statement;
    if (ratio < SAME_WITHIN && ratio > 1 / SAME_WITHIN) {
      statement =
          "Posts with "
              + feature.phrase()
              + " earned about the same engagement as those without "
              + counts
              + ".";
    } else {
      statement =
          String.format(
              Locale.ROOT,
              "Posts with %s earned %.1f× the median engagement of those without %s.",
              feature.phrase(),
              ratio,
              counts);
    }
    return new Insight(feature.code(), statement, ratio, with.size(), without.size());
  }
}
