package dev.rapport.content.quality.internal;

import dev.rapport.content.quality.Audience;
import dev.rapport.content.quality.ContentLanguage;
import dev.rapport.content.quality.Dimension;
import dev.rapport.content.quality.DimensionScore;
import dev.rapport.content.quality.Draft;
import dev.rapport.content.quality.Rubric;
import dev.rapport.content.quality.RubricReport;
import java.util.ArrayList;
import java.util.List;

/**
 * The rubric: one scan of the text, six checks. Overall = weighted mean of the dimension scores
 * (specific 2, direct 1.5, relevant 1.5, actionable 1.5, professional 1, platform fit 1: the
 * content dimensions weigh more than the hygiene ones; relevant left out when no audience is
 * declared), capped at {@value #BLOCKED_CAP} when the platform would refuse the post. Immutable and
 * thread-safe.
 */
public final class RubricEngine implements Rubric {

  static final int BLOCKED_CAP = 40;

  private final boolean audienceDeclared;
  private final List<Check> checks;

  public RubricEngine(ContentLanguage language, Audience audience) {
    Lexicon lexicon = new Lexicon(language);
    this.audienceDeclared = audience.isDeclared();
    this.checks =
        List.of(
            new SpecificCheck(lexicon),
            new DirectCheck(lexicon),
            new RelevantCheck(language.analyzer(), audience),
            new ActionableCheck(lexicon),
            new ProfessionalCheck(lexicon),
            new PlatformFitCheck());
  }

  @Override
  public RubricReport assess(Draft draft) {
    ScannedText scan = ScannedText.scan(draft.text());
    List<DimensionScore> scores = new ArrayList<>(checks.size());
    double sum = 0;
    double counted = 0;
    for (Check check : checks) {
      DimensionScore score = check.assess(draft, scan);
      scores.add(score);
      if (score.dimension() != Dimension.RELEVANT || audienceDeclared) {
        double weight = weight(score.dimension());
        sum += weight * score.score();
        counted += weight;
      }
    }
    int overall = (int) Math.round(sum / counted);
    RubricReport report = new RubricReport(draft.platform(), overall, scores);
    if (report.blocked()) {
      report = new RubricReport(draft.platform(), Math.min(overall, BLOCKED_CAP), scores);
    }
    return report;
  }

  public static List<String> spellingSuggestions(ContentLanguage language, String word, int max) {
    return SpellChecker.of(language.dictionaries()).suggestions(word, max);
  }

  static double weight(Dimension dimension) {
    return switch (dimension) {
      case SPECIFIC -> 2;
      case DIRECT, RELEVANT, ACTIONABLE -> 1.5;
      case PROFESSIONAL, PLATFORM_FIT -> 1;
    };
  }
}
