package dev.rapport.authenticity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TargetAudienceTest {

  private final TargetAudience target =
      new TargetAudience(List.of("boulanger"), List.of("fr"), List.of("Lyon"));

  private static ProfileSnapshot profile(String bio, String lang, String location) {
    return ProfileSnapshot.builder("x", "1").bio(bio).language(lang).location(location).build();
  }

  @Test
  void matchesIgnoringCaseAccentsAndWordEndings() {
    assertThat(target.fit(profile("BOULANGÈRE passionnée", "fr-FR", "Lyon 7e, France")))
        .isEqualTo(TargetAudience.Fit.MATCH);
    assertThat(target.fit(profile("Pâtissier", "fr-FR", "Lyon 7e, France")))
        .isEqualTo(TargetAudience.Fit.NO_MATCH);
    assertThat(target.fit(profile("Boulangerie du coin", "fr-FR", "Lyon 7e, France")))
        .isEqualTo(TargetAudience.Fit.MATCH);
  }

  @Test
  void aPlaceMustBeAWholeWord() {
    assertThat(target.fit(profile("boulanger", "fr", "Lyons, Colorado")))
        .isEqualTo(TargetAudience.Fit.NO_MATCH);
  }

  @Test
  void aMissingFieldCannotBeJudged() {
    assertThat(target.fit(profile("boulanger", null, "Lyon")))
        .isEqualTo(TargetAudience.Fit.UNKNOWN);
    assertThat(target.fit(profile("boulanger", "en", null))).isEqualTo(TargetAudience.Fit.NO_MATCH);
  }
}
