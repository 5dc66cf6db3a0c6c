package dev.rapport.authenticity;

import dev.rapport.authenticity.internal.Feature;
import dev.rapport.authenticity.internal.ModelFile;
import dev.rapport.authenticity.internal.XgbTrainer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Trains the authenticity model (XGBoost4J, exported to plain-Java trees) and saves it. Everything
 * learned — handle bigrams, trees, calibration — comes from the given profiles only, so that the
 * evaluation can re-fit it inside each fold. Thread-safe.
 */
public final class AuthenticityTraining {

  public static final String MODEL_VERSION = "model-v1";

  private AuthenticityTraining() {}

  public static ModelScorer train(List<LabelledProfile> data, TrainingSettings settings) {
    return train(data, settings, Set.of());
  }

  /**
   * @param removedFeatures feature keys forced to missing in training and scoring (shortcut check)
   */
  public static ModelScorer train(
      List<LabelledProfile> data, TrainingSettings settings, Set<String> removedFeatures) {
    boolean[] masked = new boolean[Feature.COUNT];
    for (Feature f : Feature.values()) {
      masked[f.ordinal()] = removedFeatures.contains(f.key());
    }
    return ModelScorer.of(XgbTrainer.train(data, settings, masked, MODEL_VERSION));
  }

  public static void save(ModelScorer scorer, Path file) {
    ModelFile.write(scorer.model(), file);
  }

  public static String featureVersion() {
    return Feature.VERSION;
  }

  public static List<String> featureNames() {
    return Arrays.stream(Feature.values()).map(Feature::key).toList();
  }

  /** Profile-appearance features that some cresci bot classes left empty (shortcut risk). */
  public static Set<String> appearanceFeatures() {
    return Set.copyOf(
        Arrays.stream(Feature.values()).filter(Feature::appearance).map(Feature::key).toList());
  }
}
