package dev.rapport.authenticity.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rapport.authenticity.LabelledProfile;
import dev.rapport.authenticity.TrainingSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * Trains the bot model with XGBoost4J and exports the trees to a {@link TreeEnsemble}, so that
 * inference never needs XGBoost. Everything learned (handle bigrams, trees, calibration) is learned
 * from the given training profiles only. Thread-safe (no shared state).
 */
public final class XgbTrainer {

  private XgbTrainer() {}

  public static AuthenticityModel train(
      List<LabelledProfile> data, TrainingSettings s, boolean[] masked, String version) {
    boolean[] y = labels(data);
    List<String> humanHandles = new ArrayList<>();
    for (LabelledProfile l : data) {
      if (!l.bot()) {
        humanHandles.add(l.profile().handle());
      }
    }
    FeatureExtractor fx = new FeatureExtractor(HandleBigrams.learn(humanHandles), masked);
    float[][] x = matrix(data, fx);
    // Calibration: Platt scaling on out-of-fold margins of inner folds.
    int[] fold = Folds.stratified(y, s.calibrationFolds(), new Random(s.seed()));
    double[] oof = new double[y.length];
    for (int k = 0; k < s.calibrationFolds(); k++) {
      List<Integer> train = new ArrayList<>();
      List<Integer> held = new ArrayList<>();
      for (int i = 0; i < y.length; i++) {
        (fold[i] == k ? held : train).add(i);
      }
      TreeEnsemble t = boost(x, y, train, s);
      for (int i : held) {
        oof[i] = t.margin(x[i]);
      }
    }
    Platt platt = Platt.fit(oof, y);
    List<Integer> all = new ArrayList<>();
    for (int i = 0; i < y.length; i++) {
      all.add(i);
    }
    TreeEnsemble trees = boost(x, y, all, s);
    return new AuthenticityModel(version, fx, trees, platt, s.threshold());
  }

  static boolean[] labels(List<LabelledProfile> data) {
    boolean[] y = new boolean[data.size()];
    for (int i = 0; i < y.length; i++) {
      Boolean b = data.get(i).bot();
      if (b == null) {
        throw new IllegalArgumentException(
            "unlabelled profile in training data: " + data.get(i).group());
      }
      y[i] = b;
    }
    return y;
  }

  static float[][] matrix(List<LabelledProfile> data, FeatureExtractor fx) {
    float[][] x = new float[data.size()][];
    for (int i = 0; i < x.length; i++) {
      x[i] = fx.extract(data.get(i).profile(), (Instant) null);
    }
    return x;
  }

  static TreeEnsemble boost(float[][] x, boolean[] y, List<Integer> rows, TrainingSettings s) {
    int n = rows.size();
    int f = Feature.COUNT;
    float[] flat = new float[n * f];
    float[] label = new float[n];
    for (int r = 0; r < n; r++) {
      System.arraycopy(x[rows.get(r)], 0, flat, r * f, f);
      label[r] = y[rows.get(r)] ? 1 : 0;
    }
    try {
      DMatrix d = new DMatrix(flat, n, f, Float.NaN);
      d.setLabel(label);
      Map<String, Object> p = new HashMap<>();
      p.put("objective", "binary:logistic");
      p.put("eval_metric", "logloss");
      p.put("base_score", 0.5);
      p.put("max_depth", s.maxDepth());
      p.put("eta", s.eta());
      p.put("subsample", s.subsample());
      p.put("colsample_bytree", s.colsampleByTree());
      p.put("min_child_weight", s.minChildWeight());
      p.put("lambda", s.lambda());
      p.put("tree_method", "hist");
      p.put("seed", (int) s.seed());
      p.put("nthread", s.threads());
      p.put("verbosity", 0);
      Booster b = XGBoost.train(d, p, s.rounds(), new HashMap<>(), null, null);
      TreeEnsemble trees = fromDump(b.getModelDump((String) null, true, "json"));
      float[][] margins = b.predict(d, true);
      for (int r = 0; r < n; r++) {
        double diff = Math.abs(margins[r][0] - trees.margin(x[rows.get(r)]));
        if (diff > 1e-3) {
          throw new IllegalStateException(
              "exported trees disagree with XGBoost by " + diff + " on training row " + r);
        }
      }
      b.dispose();
      d.dispose();
      return trees;
    } catch (XGBoostError e) {
      throw new IllegalStateException("XGBoost training failed: " + e.getMessage(), e);
    }
  }

  /** Converts XGBoost's JSON dump (one document per tree) into flat arrays. */
  static TreeEnsemble fromDump(String[] dump) {
    List<JsonNode> nodes = new ArrayList<>();
    List<Integer> roots = new ArrayList<>();
    int[] maxDepth = {0};
    List<int[]> links = new ArrayList<>();
    try {
      for (String tree : dump) {
        JsonNode root = ModelFile.JSON.readTree(tree);
        roots.add(nodes.size());
        flatten(root, nodes, links, 0, maxDepth);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int n = nodes.size();
    int[] feature = new int[n];
    float[] threshold = new float[n];
    int[] yes = new int[n];
    int[] no = new int[n];
    int[] missing = new int[n];
    double[] value = new double[n];
    double[] cover = new double[n];
    for (int i = 0; i < n; i++) {
      JsonNode node = nodes.get(i);
      cover[i] = node.path("cover").asDouble();
      if (node.has("leaf")) {
        feature[i] = -1;
        value[i] = node.get("leaf").asDouble();
        yes[i] = no[i] = missing[i] = -1;
      } else {
        feature[i] = Integer.parseInt(node.get("split").asText().substring(1));
        threshold[i] = (float) node.get("split_condition").asDouble();
        int[] l = links.get(i);
        yes[i] = l[0];
        no[i] = l[1];
        missing[i] = l[2];
      }
    }
    return new TreeEnsemble(
        0.0,
        roots.stream().mapToInt(Integer::intValue).toArray(),
        feature,
        threshold,
        yes,
        no,
        missing,
        value,
        cover,
        maxDepth[0]);
  }

  private static int flatten(
      JsonNode node, List<JsonNode> nodes, List<int[]> links, int depth, int[] maxDepth) {
    int index = nodes.size();
    nodes.add(node);
    links.add(null);
    maxDepth[0] = Math.max(maxDepth[0], depth);
    if (!node.has("leaf")) {
      Map<Integer, Integer> byId = new HashMap<>();
      for (JsonNode child : node.get("children")) {
        byId.put(child.get("nodeid").asInt(), flatten(child, nodes, links, depth + 1, maxDepth));
      }
      links.set(
          index,
          new int[] {
            byId.get(node.get("yes").asInt()),
            byId.get(node.get("no").asInt()),
            byId.get(node.get("missing").asInt())
          });
    }
    return index;
  }
}
