package dev.rapport.content.quality;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SpellingTest {

  @Test
  void suggestsTheIntendedWordForAFlaggedOne() {
    assertThat(Rubric.spellingSuggestions(ContentLanguage.english(), "sourdugh", 3))
        .contains("sourdough");
  }

  @Test
  void acceptsBritishAndAmericanSpellings() {
    Rubric rubric = Rubric.forAudience(Audience.NONE);
    RubricReport report =
        rubric.assess(
            Draft.of("We organise a colour class and we organize a color class.", Platform.X));
    assertThat(report.has("possible_misspelling")).isFalse();
  }
}
