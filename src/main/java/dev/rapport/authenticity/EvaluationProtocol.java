package dev.rapport.authenticity;

import dev.rapport.authenticity.internal.Folds;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * The honest evaluation protocol: stratified k-fold cross-validation with the whole model (handle
 * bigrams, trees, calibration) re-fitted inside each fold; leave-one-bot-class-out (unseen bot
 * types); a cross-dataset test; each beside the rule baseline. The rule baseline's score for AUC is
 * the number of suspicious rules that fired (5 for a self-declared bot). Thread-safe.
 */
public final class EvaluationProtocol {

  /** One line of a results table. */
  public record Row(String test, String scope, BinaryMetrics model, BinaryMetrics rules) {}

  private static final RuleBaseline RULES = new RuleBaseline();

  private final TrainingSettings settings;
  private final int folds;
  private final Set<String> removedFeatures;
  private final Instant rulesNow;

  /**
   * @param rulesNow stands in for the observation time of profiles that carry none (rules only; the
   *     model leaves age-based features missing instead)
   */
  public EvaluationProtocol(
      TrainingSettings settings, int folds, Set<String> removedFeatures, Instant rulesNow) {
    if (folds < 2) {
      throw new IllegalArgumentException("folds must be >= 2");
    }
    this.settings = settings;
    this.folds = folds;
    this.removedFeatures = Set.copyOf(removedFeatures);
    this.rulesNow = rulesNow;
  }

  /** Pooled out-of-fold predictions of stratified k-fold CV. */
  public Row crossValidate(String name, List<LabelledProfile> data) {
    boolean[] y = labels(data);
    int[] fold = Folds.stratified(y, folds, new Random(settings.seed()));
    double[] prob = new double[y.length];
    for (int k = 0; k < folds; k++) {
      List<LabelledProfile> train = new ArrayList<>();
      List<Integer> test = new ArrayList<>();
      for (int i = 0; i < y.length; i++) {
        if (fold[i] == k) {
          test.add(i);
        } else {
          train.add(data.get(i));
        }
      }
      ModelScorer m = AuthenticityTraining.train(train, settings, removedFeatures);
      for (int i : test) {
        prob[i] = m.botProbability(data.get(i).profile(), null);
      }
    }
    BinaryMetrics model = BinaryMetrics.of(prob, y, settings.threshold(), prob);
    return new Row(name, "in-domain, " + folds + "-fold CV", model, rules(data));
  }

  /**
   * For each bot group: train on the human groups' other folds and every other bot group; test on
   * the held-out bot group against the held-out humans (one fold of them).
   */
  public List<Row> unseenBotTypes(List<LabelledProfile> data) {
    Set<String> botGroups = new LinkedHashSet<>();
    List<Integer> humans = new ArrayList<>();
    for (int i = 0; i < data.size(); i++) {
      if (data.get(i).bot()) {
        botGroups.add(data.get(i).group());
      } else {
        humans.add(i);
      }
    }
    boolean[] none = new boolean[humans.size()];
    int[] humanFold = Folds.stratified(none, folds, new Random(settings.seed()));
    Set<Integer> heldHumans = new HashSet<>();
    for (int j = 0; j < humans.size(); j++) {
      if (humanFold[j] == 0) {
        heldHumans.add(humans.get(j));
      }
    }
    List<Row> rows = new ArrayList<>();
    for (String held : botGroups) {
      List<LabelledProfile> train = new ArrayList<>();
      List<LabelledProfile> test = new ArrayList<>();
      for (int i = 0; i < data.size(); i++) {
        LabelledProfile l = data.get(i);
        boolean testRow = l.bot() ? l.group().equals(held) : heldHumans.contains(i);
        (testRow ? test : train).add(l);
      }
      ModelScorer m = AuthenticityTraining.train(train, settings, removedFeatures);
      rows.add(evaluate(m, "unseen: " + held, "unseen bot type", test));
    }
    return rows;
  }

  /** Trains on all of {@code data} with this protocol's settings and removed features. */
  public ModelScorer train(List<LabelledProfile> data) {
    return AuthenticityTraining.train(data, settings, removedFeatures);
  }

  /** Scores {@code test} with a trained model and with the rules. */
  public Row evaluate(ModelScorer m, String name, String scope, List<LabelledProfile> test) {
    boolean[] y = labels(test);
    double[] prob = new double[y.length];
    for (int i = 0; i < y.length; i++) {
      prob[i] = m.botProbability(test.get(i).profile(), null);
    }
    return new Row(name, scope, BinaryMetrics.of(prob, y, m.threshold(), prob), rules(test));
  }

  /** The rule baseline on a labelled set. */
  public BinaryMetrics rules(List<LabelledProfile> data) {
    boolean[] y = labels(data);
    double[] s = new double[y.length];
    for (int i = 0; i < y.length; i++) {
      s[i] = ruleScore(RULES.score(data.get(i).profile(), rulesNow));
    }
    return BinaryMetrics.of(s, y, 1, null);
  }

  static double ruleScore(Verdict v) {
    return switch (v.category()) {
      case SELF_DECLARED_BOT -> 5;
      case SUSPICIOUS -> v.reasons().size();
      default -> 0;
    };
  }

  static boolean[] labels(List<LabelledProfile> data) {
    boolean[] y = new boolean[data.size()];
    for (int i = 0; i < y.length; i++) {
      if (data.get(i).bot() == null) {
        throw new IllegalArgumentException("unlabelled profile in " + data.get(i).group());
      }
      y[i] = data.get(i).bot();
    }
    return y;
  }

  /** A markdown table of rows, model and rules side by side. */
  public static String markdown(List<Row> rows) {
    StringBuilder b = new StringBuilder();
    b.append("| test | scope | n (bots) | scorer | AUC-ROC | AUC-PR | accuracy | precision |")
        .append(" recall | F1 | MCC | specificity | Brier | confusion |\n")
        .append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (Row r : rows) {
      line(b, r, "model-v1", r.model());
      line(b, r, "rules-v1", r.rules());
    }
    return b.toString();
  }

  private static void line(StringBuilder b, Row r, String scorer, BinaryMetrics m) {
    b.append(
        String.format(
            Locale.ROOT,
            "| %s | %s | %d (%d) | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n",
            r.test(),
            r.scope(),
            m.n(),
            m.bots(),
            scorer,
            f(m.aucRoc()),
            f(m.aucPr()),
            f(m.accuracy()),
            f(m.precision()),
            f(m.recall()),
            f(m.f1()),
            f(m.mcc()),
            f(m.specificity()),
            f(m.brier()),
            m.confusion()));
  }

  static String f(double v) {
    return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.3f", v);
  }
}
