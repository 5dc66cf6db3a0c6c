package dev.rapport.content.quality.internal;

import dev.rapport.content.quality.Audience;
import dev.rapport.content.quality.ContentLanguage;
import dev.rapport.content.quality.ModelProvenance;
import dev.rapport.content.quality.ModelSettings;
import dev.rapport.content.quality.PastPost;
import dev.rapport.content.quality.Rubric;
import dev.rapport.content.quality.RubricReport;
import dev.rapport.content.quality.WhatWorked;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Fits the per-brand engagement model: ridge regression on log1p(engagement), the penalty chosen on
 * the latest quarter of the history (time order), intervals from leave-one-out residual quantiles.
 * Stateless; thread-safe.
 */
public final class Learner {

  /** The share of the history, by engagement, whose texts form the "posts that worked". */
  static final double TOP_SHARE = 0.25;

  private static final double[] ORIGINS = {0.6, 0.7, 0.8, 0.9};

  private Learner() {}

  public static WhatWorked learn(
      List<PastPost> history, Audience declared, ContentLanguage language, ModelSettings settings) {
    if (history.size() < settings.minPosts()) {
      return new WhatWorked.TooThin(
          history.size(),
          settings.minPosts(),
          "only " + history.size() + " posts; at least " + settings.minPosts() + " are needed");
    }
    List<PastPost> posts = new ArrayList<>(history);
    posts.sort(Comparator.comparing(p -> p.post().publishedAt().toInstant()));
    Training training = prepare(posts, declared, language, settings);
    FittedModel model = fit(training, posts, settings);
    List<RubricReport> reports = training.reports();
    return new WhatWorked.Learned(model, Insights.find(posts, reports, settings.minGroup()));
  }

  /** Rubric reports and feature rows, with the relevant dimension computed leave-one-out. */
  record Training(
      Rubric rubric, PostFeatures features, List<RubricReport> reports, double[][] x, double[] y) {}

  static Training prepare(
      List<PastPost> posts, Audience declared, ContentLanguage language, ModelSettings settings) {
    int n = posts.size();
    Integer[] order = new Integer[n];
    Arrays.setAll(order, i -> i);
    Arrays.sort(
        order, (a, b) -> Double.compare(posts.get(b).engagement(), posts.get(a).engagement()));
    int top = Math.max(1, (int) Math.round(n * TOP_SHARE));
    Set<Integer> good = new HashSet<>(Arrays.asList(order).subList(0, top));
    List<String> goodTexts = new ArrayList<>();
    for (int i = n - 1; i >= 0; i--) {
      if (good.contains(i)) {
        goodTexts.add(posts.get(i).post().text()); // newest first: the rubric keeps the first 200
      }
    }
    Rubric rubric = Rubric.forAudience(language, withPosts(declared, goodTexts));
    TreeSet<String> topicSet = new TreeSet<>();
    posts.forEach(p -> topicSet.add(p.post().topic()));
    PostFeatures features = new PostFeatures(settings.features(), List.copyOf(topicSet));
    List<RubricReport> reports = new ArrayList<>(n);
    double[][] x = new double[n][];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      PastPost p = posts.get(i);
      Rubric r = rubric;
      if (good.contains(i)) {
        List<String> others = new ArrayList<>(goodTexts);
        others.remove(p.post().text());
        r = Rubric.forAudience(language, withPosts(declared, others));
      }
      RubricReport report = r.assess(p.post().draft());
      reports.add(report);
      x[i] = features.row(p.post(), report);
      y[i] = Math.log1p(p.engagement());
    }
    return new Training(rubric, features, reports, x, y);
  }

  private static FittedModel fit(Training t, List<PastPost> posts, ModelSettings settings) {
    int n = t.y().length;
    double bestLambda = settings.lambdas().get(0);
    double bestError = Double.POSITIVE_INFINITY;
    for (double lambda : settings.lambdas()) {
      double error = rollingOriginError(t, lambda);
      if (error < bestError) {
        bestError = error;
        bestLambda = lambda;
      }
    }
    Ridge ridge = Ridge.fit(t.x(), t.y(), bestLambda);
    double[] residuals = ridge.looResiduals();
    Arrays.sort(residuals);
    double tail = (1 - settings.intervalCoverage()) / 2;
    double low = Math.min(0, Stats.quantileSorted(residuals, tail));
    double high = Math.max(0, Stats.quantileSorted(residuals, 1 - tail));
    ModelProvenance provenance =
        new ModelProvenance(
            n,
            posts.get(0).post().publishedAt().toInstant(),
            posts.get(n - 1).post().publishedAt().toInstant(),
            settings.features(),
            bestLambda,
            ridge.features(),
            ModelProvenance.TRAINER);
    return new FittedModel(
        t.rubric(), t.features(), ridge, low, high, settings.intervalCoverage(), provenance);
  }

  /**
   * Squared error of one penalty over rolling origins: fit on the first 60%, 70%, 80% and 90% of
   * the history (time order), score the next tenth each time.
   */
  static double rollingOriginError(Training t, double lambda) {
    int n = t.y().length;
    double error = 0;
    for (double origin : ORIGINS) {
      int cut = (int) Math.round(n * origin);
      int end = Math.min(n, cut + Math.max(1, (int) Math.round(n * 0.1)));
      if (cut < 10 || end <= cut) {
        continue;
      }
      Ridge ridge =
          Ridge.fit(Arrays.copyOfRange(t.x(), 0, cut), Arrays.copyOfRange(t.y(), 0, cut), lambda);
      for (int i = cut; i < end; i++) {
        double e = t.y()[i] - ridge.predict(t.x()[i]);
        error += e * e;
      }
    }
    return error;
  }

  private static Audience withPosts(Audience declared, List<String> posts) {
    return new Audience(declared.description(), declared.topics(), posts);
  }
}
