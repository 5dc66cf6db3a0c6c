package dev.rapport.content.quality.internal;

import static dev.rapport.content.quality.Dimension.SPECIFIC;

import dev.rapport.content.quality.DimensionScore;
import dev.rapport.content.quality.Draft;
import dev.rapport.content.quality.Finding;
import dev.rapport.content.quality.Severity;
import dev.rapport.content.quality.WordList;
import java.util.ArrayList;
import java.util.List;

/**
 * Specific: numbers, names and examples count for; vague superlatives and buzzwords against. Score
 * = 45 + 20 (a number) + 10 (a second) + 12 (a name) + 8 (a second) + 10 (an example) − 12 per
 * vague word (at most 4) − 10 per buzzword (at most 4), clamped to 0–100.
 */
final class SpecificCheck implements Check {

  static final int MIN_WORDS_FOR_DETAIL = 8;

  private final Lexicon lexicon;

  SpecificCheck(Lexicon lexicon) {
    this.lexicon = lexicon;
  }

  @Override
  public DimensionScore assess(Draft draft, ScannedText scan) {
    List<Finding> findings = new ArrayList<>();
    List<Token> tokens = scan.tokens();
    int numbers = 0;
    int names = 0;
    int words = 0;
    for (Token token : tokens) {
      switch (token.kind()) {
        case NUMBER -> {
          if (numbers++ == 0) {
            findings.add(
                Spans.at(
                    scan,
                    token,
                    SPECIFIC,
                    "concrete_number",
                    Severity.STRENGTH,
                    "A concrete number makes the claim checkable.",
                    ""));
          }
          words++;
        }
        case MENTION -> {
          if (names++ == 0) {
            findings.add(
                Spans.at(
                    scan,
                    token,
                    SPECIFIC,
                    "named",
                    Severity.STRENGTH,
                    "Names a real account.",
                    ""));
          }
        }
        case WORD -> {
          words++;
          if (lexicon.has(WordList.NUMBER_WORDS, token.lower())) {
            if (numbers++ == 0) {
              findings.add(
                  Spans.at(
                      scan,
                      token,
                      SPECIFIC,
                      "concrete_number",
                      Severity.STRENGTH,
                      "A concrete number makes the claim checkable.",
                      ""));
            }
          } else if (isName(token)) {
            if (names++ == 0) {
              findings.add(
                  Spans.at(
                      scan,
                      token,
                      SPECIFIC,
                      "named",
                      Severity.STRENGTH,
                      "Names a person, place, product or organisation.",
                      ""));
            }
          }
        }
        default -> {}
      }
    }
    List<PhraseMatcher.Match> examples = lexicon.matcher(WordList.EXAMPLE_MARKERS).find(tokens);
    boolean example = !examples.isEmpty() || scan.text().contains("e.g.");
    if (!examples.isEmpty()) {
      PhraseMatcher.Match e = examples.get(0);
      findings.add(
          Spans.at(
              scan,
              e.first(),
              e.last(),
              SPECIFIC,
              "example",
              Severity.STRENGTH,
              "Gives an example.",
              ""));
    }
    List<PhraseMatcher.Match> vague = lexicon.matcher(WordList.VAGUE).find(tokens);
    for (PhraseMatcher.Match v : vague) {
      findings.add(
          Spans.at(
              scan,
              v.first(),
              v.last(),
              SPECIFIC,
              "vague_superlative",
              Severity.PROBLEM,
              "\"" + v.phrase() + "\" claims without showing.",
              "Replace it with the fact that earns it: a number, a name or an example."));
    }
    List<PhraseMatcher.Match> buzz = lexicon.matcher(WordList.BUZZWORDS).find(tokens);
    for (PhraseMatcher.Match b : buzz) {
      findings.add(
          Spans.at(
              scan,
              b.first(),
              b.last(),
              SPECIFIC,
              "buzzword",
              Severity.PROBLEM,
              "\"" + b.phrase() + "\" is jargon that says nothing concrete.",
              "Say what it actually does, for whom, with what result."));
    }
    if (numbers == 0 && names == 0 && !example && words >= MIN_WORDS_FOR_DETAIL) {
      findings.add(
          Finding.whole(
              SPECIFIC,
              "no_concrete_detail",
              Severity.PROBLEM,
              "No number, name or example anywhere in the post.",
              "Add one concrete detail: a figure, a date, a customer, a product name."));
    }
    double score =
        45
            + (numbers >= 1 ? 20 : 0)
            + (numbers >= 2 ? 10 : 0)
            + (names >= 1 ? 12 : 0)
            + (names >= 2 ? 8 : 0)
            + (example ? 10 : 0)
            - 12 * Math.min(4, vague.size())
            - 10 * Math.min(4, buzz.size());
    return new DimensionScore(SPECIFIC, Spans.clamp(score), findings);
  }

  /** A capitalised word that does not open its sentence and is not "I" or shouting. */
  private boolean isName(Token token) {
    String t = token.text();
    if (token.sentenceStart() || t.length() < 2 || !Character.isUpperCase(t.charAt(0))) {
      return false;
    }
    boolean hasLower = t.chars().anyMatch(Character::isLowerCase);
    return hasLower || lexicon.has(WordList.ACRONYMS, t);
  }
}
