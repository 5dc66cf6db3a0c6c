package dev.rapport.authenticity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HandleBigramsTest {

  private final HandleBigrams model =
      HandleBigrams.learn(
          List.of(
              "marie_dubois",
              "paul_martin",
              "sophie_bernard",
              "jean_roche",
              "claire_petit",
              "lucas_moreau",
              "emma_laurent",
              "hugo_simon",
              "lea_michel",
              "louis_garcia"));

  @Test
  void humanLikeHandlesScoreHigherThanRandomOnes() {
    assertThat(model.score("martin_dupont")).isGreaterThan(model.score("xk7d2q9f3"));
    assertThat(model.score("claire_moreau")).isGreaterThan(model.score("qzv83920174"));
  }

  @Test
  void aMissingHandleIsMissing() {
    assertThat(model.score(null)).isNaN();
    assertThat(model.score("")).isNaN();
  }

  @Test
  void survivesARoundTripThroughItsTable() {
    HandleBigrams copy = HandleBigrams.of(model.table());
    assertThat(copy.score("marie")).isEqualTo(model.score("marie"));
  }
}
