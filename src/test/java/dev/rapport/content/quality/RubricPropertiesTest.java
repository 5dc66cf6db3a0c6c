package dev.rapport.content.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever is typed, the rubric answers with in-range scores and findings that point at text. */
class RubricPropertiesTest {

  static final Rubric RUBRIC =
      Rubric.forAudience(
          new Audience("bakery customers", List.of("bread"), List.of("Rye bread at 8am.")));

  @Provide
  Arbitrary<String> drafts() {
    Arbitrary<String> pieces =
        Arbitraries.of(
            "Rye",
            "bread",
            "AMAZING",
            "!!!",
            "?",
            ".",
            " ",
            "\n",
            "#tag",
            "@anna",
            "https://x.example/a?utm_source=b",
            "http://bit.ly/x?fbclid=1",
            "42",
            "£3.50",
            "👍",
            "👩‍🍳",
            "the",
            "was",
            "baked",
            "you",
            "e.g.",
            "teh",
            "Kirkgate",
            "é",
            "中文",
            "'",
            "-",
            "…");
    return pieces.list().ofMaxSize(120).map(l -> String.join(" ", l));
  }

  @Property(tries = 300)
  void findingsPointAtTheTextAndScoresStayInRange(
      @ForAll("drafts") String text, @ForAll Platform platform) {
    RubricReport report = RUBRIC.assess(Draft.of(text, platform));
    assertThat(report.overall()).isBetween(0, 100);
    assertThat(report.dimensions()).hasSize(Dimension.values().length);
    for (Finding f : report.findings()) {
      if (f.start() >= 0) {
        assertThat(f.end()).isLessThanOrEqualTo(text.length());
        assertThat(text.substring(f.start(), f.end())).isEqualTo(f.words());
      }
    }
  }
}
