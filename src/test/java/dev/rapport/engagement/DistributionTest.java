package dev.rapport.engagement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.rapport.engagement.Distribution.PostTotal;
import java.util.List;
import org.junit.jupiter.api.Test;

class DistributionTest {

  @Test
  void heavyTailsZerosAndMissingValuesAreMeasuredByHand() {
    // Account 1: 0, 10, 10, 20, 960 (median 10). Account 2: 5, 5 (median 5), and one post with no
    // reported total. Counted values sorted: 0, 5, 5, 10, 10, 20, 960 (n = 7, sum = 1010).
    List<PostTotal> totals =
        List.of(
            new PostTotal(1, 0L),
            new PostTotal(1, 10L),
            new PostTotal(1, 10L),
            new PostTotal(1, 20L),
            new PostTotal(1, 960L),
            new PostTotal(2, 5L),
            new PostTotal(2, 5L),
            new PostTotal(2, null));
    Distribution d = Distribution.of(totals);
    assertThat(d.posts()).isEqualTo(8);
    assertThat(d.missing()).isEqualTo(1);
    assertThat(d.quantiles()[2]).isEqualTo(10); // p50 = 4th of 7 values
    assertThat(d.quantiles()[6]).isEqualTo(960); // max
    assertThat(d.mean()).isCloseTo(1010 / 7.0, within(1e-9));
    // Zero: 1 of 7. Near nothing (< 10% of own account median): the 0 of account 1 (< 1.0) only.
    assertThat(d.zeroShare()).isCloseTo(1 / 7.0, within(1e-9));
    assertThat(d.nearNothingShare()).isCloseTo(1 / 7.0, within(1e-9));
    // Top 10% = ceil(0.7) = 1 post: 960 / 1010.
    assertThat(d.top10Share()).isCloseTo(960 / 1010.0, within(1e-9));
    // Gini: Σ (2i − 8) x_i / (7 × 1010) with i = 1..7:
    // (-6·0 −4·5 −2·5 + 0·10 + 2·10 + 4·20 + 6·960) / 7070 = 5830 / 7070.
    assertThat(d.gini()).isCloseTo(5830 / 7070.0, within(1e-9));
    assertThat(d.accounts()).isEqualTo(2);
    assertThat(d.accountMedians()[3]).isEqualTo(10); // the larger account median
  }

  @Test
  void noDataGivesUndefinedFiguresNotZeros() {
    Distribution d = Distribution.of(List.of(new PostTotal(1, null)));
    assertThat(d.mean()).isNaN();
    assertThat(d.gini()).isNaN();
    assertThat(d.zeroShare()).isNaN();
  }
}
