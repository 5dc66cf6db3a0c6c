package dev.rapport.content.quality.internal;

import dev.rapport.content.quality.Audience;
import dev.rapport.content.quality.ContentLanguage;
import dev.rapport.content.quality.FeatureSet;
import dev.rapport.content.quality.ModelSettings;
import dev.rapport.content.quality.PastPost;
import dev.rapport.content.quality.ValidationReport;
import dev.rapport.content.quality.ValidationSettings;
import dev.rapport.content.quality.WhatWorked;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Per page, in time order: learn from the earliest share of posts, predict the rest, and compare
 * the predicted with the actual engagement by Spearman correlation. Models: the page's mean
 * (training log1p mean, a constant per page), a rolling mean of the previous posts (which sees the
 * actual engagement of earlier later-posts, so it is a strong baseline), length only, rubric only,
 * and the full model. Confidence intervals: percentile bootstrap resampling pages; every model sees
 * the same resamples (same seed), so differences are paired. Stateless.
 */
public final class HoldoutValidation {

  public static final String ACCOUNT_MEAN = "account mean (baseline)";
  public static final String ROLLING_MEAN = "rolling mean of previous posts";
  public static final String LENGTH = "length only";
  public static final String MEDIA = "media only (diagnostic)";
  public static final String RUBRIC_TEXT = "rubric without platform fit (diagnostic)";
  public static final String RUBRIC = "rubric only";
  public static final String FULL = "full model";
  public static final String FULL_MINUS_MEAN = "full model − account mean (paired)";

  private HoldoutValidation() {}

  /** One page's later posts: actual log1p engagement and each model's prediction. */
  record PageResult(double[] actual, Map<String, double[]> predicted) {}

  public static ValidationReport run(Map<String, List<PastPost>> pages, ValidationSettings s) {
    List<PageResult> results = new ArrayList<>();
    int trainPosts = 0;
    int testPosts = 0;
    for (List<PastPost> page : pages.values()) {
      if (page.size() < s.minPagePosts()) {
        continue;
      }
      List<PastPost> posts = new ArrayList<>(page);
      posts.sort(Comparator.comparing(p -> p.post().publishedAt().toInstant()));
      int cut = (int) Math.round(posts.size() * s.trainShare());
      List<PastPost> train = posts.subList(0, cut);
      List<PastPost> test = posts.subList(cut, posts.size());
      results.add(evaluate(posts, train, test, s));
      trainPosts += train.size();
      testPosts += test.size();
    }
    List<String> pooledModels =
        List.of(ACCOUNT_MEAN, ROLLING_MEAN, LENGTH, MEDIA, RUBRIC_TEXT, RUBRIC, FULL);
    List<ValidationReport.Correlation> pooled = new ArrayList<>();
    List<ValidationReport.Correlation> within = new ArrayList<>();
    for (String model : pooledModels) {
      pooled.add(withInterval(model, results, s, HoldoutValidation::pooledSpearman));
      within.add(withInterval(model, results, s, HoldoutValidation::meanWithinSpearman));
    }
    pooled.add(
        withInterval(
            FULL_MINUS_MEAN,
            results,
            s,
            (r, m) -> pooledSpearman(r, FULL) - pooledSpearman(r, ACCOUNT_MEAN)));
    return new ValidationReport(results.size(), trainPosts, testPosts, pooled, within, s);
  }

  private static PageResult evaluate(
      List<PastPost> all, List<PastPost> train, List<PastPost> test, ValidationSettings s) {
    double[] actual = test.stream().mapToDouble(p -> Math.log1p(p.engagement())).toArray();
    Map<String, double[]> predicted = new LinkedHashMap<>();
    double mean = train.stream().mapToDouble(p -> Math.log1p(p.engagement())).average().orElse(0);
    double[] constant = new double[test.size()];
    Arrays.fill(constant, mean);
    predicted.put(ACCOUNT_MEAN, constant);
    double[] rolling = new double[test.size()];
    int offset = train.size();
    for (int i = 0; i < test.size(); i++) {
      int to = offset + i;
      int from = Math.max(0, to - s.rollingWindow());
      double sum = 0;
      for (int j = from; j < to; j++) {
        sum += Math.log1p(all.get(j).engagement());
      }
      rolling[i] = sum / (to - from);
    }
    predicted.put(ROLLING_MEAN, rolling);
    predicted.put(LENGTH, model(train, test, FeatureSet.LENGTH));
    predicted.put(MEDIA, model(train, test, FeatureSet.MEDIA));
    predicted.put(RUBRIC_TEXT, model(train, test, FeatureSet.RUBRIC_TEXT));
    predicted.put(RUBRIC, model(train, test, FeatureSet.RUBRIC));
    predicted.put(FULL, model(train, test, FeatureSet.FULL));
    return new PageResult(actual, predicted);
  }

  private static double[] model(List<PastPost> train, List<PastPost> test, FeatureSet set) {
    WhatWorked learned =
        WhatWorked.learn(
            train,
            Audience.NONE,
            ContentLanguage.english(),
            ModelSettings.DEFAULTS.withFeatures(set));
    if (!(learned instanceof WhatWorked.Learned l)) {
      throw new IllegalStateException("page too thin for the model: " + train.size());
    }
    FittedModel model = (FittedModel) l.model();
    return test.stream().mapToDouble(p -> model.score(p.post())).toArray();
  }

  interface Metric {
    double of(List<PageResult> pages, String model);
  }

  private static ValidationReport.Correlation withInterval(
      String model, List<PageResult> pages, ValidationSettings s, Metric metric) {
    double point = metric.of(pages, model);
    if (Double.isNaN(point)) {
      return new ValidationReport.Correlation(model, Double.NaN, Double.NaN, Double.NaN);
    }
    Random random = new Random(s.seed());
    double[] samples = new double[s.bootstrap()];
    for (int b = 0; b < samples.length; b++) {
      List<PageResult> resample = new ArrayList<>(pages.size());
      for (int i = 0; i < pages.size(); i++) {
        resample.add(pages.get(random.nextInt(pages.size())));
      }
      samples[b] = metric.of(resample, model);
    }
    Arrays.sort(samples);
    return new ValidationReport.Correlation(
        model, point, Stats.quantileSorted(samples, 0.025), Stats.quantileSorted(samples, 0.975));
  }

  static double pooledSpearman(List<PageResult> pages, String model) {
    int n = pages.stream().mapToInt(p -> p.actual().length).sum();
    double[] actual = new double[n];
    double[] predicted = new double[n];
    int k = 0;
    for (PageResult page : pages) {
      double[] p = page.predicted().get(model);
      for (int i = 0; i < page.actual().length; i++, k++) {
        actual[k] = page.actual()[i];
        predicted[k] = p[i];
      }
    }
    return Stats.spearman(predicted, actual);
  }

  /** Mean over pages of the within-page Spearman; NaN if the model is constant on every page. */
  static double meanWithinSpearman(List<PageResult> pages, String model) {
    double sum = 0;
    int counted = 0;
    for (PageResult page : pages) {
      double r = Stats.spearman(page.predicted().get(model), page.actual());
      if (!Double.isNaN(r)) {
        sum += r;
        counted++;
      }
    }
    return counted == 0 ? Double.NaN : sum / counted;
  }
}
