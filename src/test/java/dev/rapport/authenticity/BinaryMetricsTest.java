package dev.rapport.authenticity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BinaryMetricsTest {

  @Test
  void computesTheUsualMetricsOnASmallCase() {
    double[] score = {0.9, 0.8, 0.4, 0.3, 0.6, 0.1};
    boolean[] bot = {true, true, true, false, false, false};

    BinaryMetrics m = BinaryMetrics.of(score, bot, 0.5, score);

    // pairs (bot, human) ranked right: 0.9,0.8 beat all 3; 0.4 beats 0.3 and 0.1 -> 8 of 9
    assertThat(m.aucRoc()).isCloseTo(8 / 9.0, within(1e-12));
    assertThat(m.truePositives()).isEqualTo(2);
    assertThat(m.falsePositives()).isEqualTo(1);
    assertThat(m.trueNegatives()).isEqualTo(2);
    assertThat(m.falseNegatives()).isEqualTo(1);
    assertThat(m.accuracy()).isCloseTo(4 / 6.0, within(1e-12));
    assertThat(m.precision()).isCloseTo(2 / 3.0, within(1e-12));
    assertThat(m.recall()).isCloseTo(2 / 3.0, within(1e-12));
    assertThat(m.f1()).isCloseTo(2 / 3.0, within(1e-12));
    assertThat(m.mcc()).isCloseTo(1 / 3.0, within(1e-12));
    // AP: ranks 1,2 bots (p=1,1), rank 3 human, rank 4 bot (p=3/4) -> (1+1+0.75)/3
    assertThat(m.aucPr()).isCloseTo(2.75 / 3, within(1e-12));
    double brier = (0.01 + 0.04 + 0.36 + 0.09 + 0.36 + 0.01) / 6;
    assertThat(m.brier()).isCloseTo(brier, within(1e-12));
  }

  @Test
  void tiedScoresCountHalfAndOneClassHasNoAuc() {
    BinaryMetrics tied =
        BinaryMetrics.of(new double[] {1, 1}, new boolean[] {true, false}, 1, null);
    assertThat(tied.aucRoc()).isEqualTo(0.5);
    assertThat(tied.brier()).isNaN();
    BinaryMetrics humans =
        BinaryMetrics.of(new double[] {0.2, 0.7}, new boolean[] {false, false}, 0.5, null);
    assertThat(humans.aucRoc()).isNaN();
    assertThat(humans.specificity()).isEqualTo(0.5);
  }
}
