package dev.rapport.authenticity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The CI gate on real data: runs only where {@code RAPPORT_DATA_DIR} points at the shared data
 * (with {@code bots/cresci-2017}). Stratified 5-fold CV on cresci-2017, the whole model re-fitted
 * in each fold; fails if AUC-ROC drops below 0.98 or the model stops beating the rule baseline.
 */
class AuthenticityEvaluationTest {

  static final double MIN_AUC = 0.98;

  @Test
  void inDomainCrossValidationKeepsTheBar() {
    String dir = System.getenv("RAPPORT_DATA_DIR");
    assumeTrue(dir != null && !dir.isBlank(), "RAPPORT_DATA_DIR is not set");
    Path cresci = Path.of(dir, "bots", "cresci-2017");
    assumeTrue(Files.isDirectory(cresci), "no " + cresci);

    List<LabelledProfile> data = LabelledData.read(List.of(cresci), ReadOptions.STRICT);
    EvaluationProtocol protocol =
        new EvaluationProtocol(
            TrainingSettings.DEFAULTS, 5, Set.of(), Instant.parse("2016-06-01T00:00:00Z"));
    EvaluationProtocol.Row cv = protocol.crossValidate("cresci-2017", data);

    assertThat(data).hasSize(14_368);
    assertThat(cv.model().aucRoc()).isGreaterThanOrEqualTo(MIN_AUC);
    assertThat(cv.model().aucRoc()).isGreaterThan(cv.rules().aucRoc());
    assertThat(cv.model().f1()).isGreaterThan(cv.rules().f1());
    assertThat(cv.model().accuracy()).isGreaterThan(cv.rules().accuracy());
  }
}
