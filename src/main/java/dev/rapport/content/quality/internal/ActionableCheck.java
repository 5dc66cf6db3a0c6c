package dev.rapport.content.quality.internal;

import static dev.rapport.content.quality.Dimension.ACTIONABLE;

import dev.rapport.content.quality.DimensionScore;
import dev.rapport.content.quality.Draft;
import dev.rapport.content.quality.Finding;
import dev.rapport.content.quality.Severity;
import dev.rapport.content.quality.WordList;
import java.util.ArrayList;
import java.util.List;

/**
 * Actionable: a clear next step. Score = 25 + 45 (a call to action) + 25 (a question) + 15 (a link)
 * + 10 (the link is tracked), clamped to 0–100.
 */
final class ActionableCheck implements Check {

  private static final List<String> OPENERS = List.of("please", "so", "go", "now", "then");

  private final Lexicon lexicon;

  ActionableCheck(Lexicon lexicon) {
    this.lexicon = lexicon;
  }

  @Override
  public DimensionScore assess(Draft draft, ScannedText scan) {
    List<Finding> findings = new ArrayList<>();
    List<Token> tokens = scan.tokens();
    PhraseMatcher.Match cta = null;
    for (PhraseMatcher.Match m : lexicon.matcher(WordList.CALLS_TO_ACTION).find(tokens)) {
      if (m.last() > m.first() || opensSentence(tokens, m.first())) {
        cta = m;
        break;
      }
    }
    if (cta != null) {
      findings.add(
          Spans.at(
              scan,
              cta.first(),
              cta.last(),
              ACTIONABLE,
              "call_to_action",
              Severity.STRENGTH,
              "Asks the reader to do something.",
              ""));
    }
    Token question = null;
    for (Token token : tokens) {
      if (token.kind() == TokenKind.SENTENCE_END && token.text().contains("?")) {
        question = token;
        break;
      }
    }
    if (question != null) {
      findings.add(
          Spans.at(
              scan,
              question,
              ACTIONABLE,
              "question",
              Severity.STRENGTH,
              "Asks the reader a question.",
              ""));
    }
    Token link = null;
    boolean tracked = false;
    for (Token token : tokens) {
      if (token.kind() == TokenKind.URL) {
        link = link == null ? token : link;
        tracked |= Links.isTracked(token.text());
      }
    }
    if (link != null) {
      if (tracked) {
        findings.add(
            Spans.at(
                scan,
                link,
                ACTIONABLE,
                "tracked_link",
                Severity.STRENGTH,
                "A tracked link: clicks will count back to this post.",
                ""));
      } else {
        findings.add(
            Spans.at(
                scan,
                link,
                ACTIONABLE,
                "untracked_link",
                Severity.ADVICE,
                "This link carries no tracking, so clicks will not count back to the post.",
                "Use a Rapport tracked link (or add utm_source/utm_campaign)."));
      }
    }
    if (cta == null && question == null && link == null) {
      findings.add(
          Finding.whole(
              ACTIONABLE,
              "no_next_step",
              Severity.PROBLEM,
              "The reader is not asked to do anything.",
              "End with one next step: a question, an invitation, or a link."));
    }
    double score =
        25
            + (cta != null ? 45 : 0)
            + (question != null ? 25 : 0)
            + (link != null ? 15 : 0)
            + (tracked ? 10 : 0);
    return new DimensionScore(ACTIONABLE, Spans.clamp(score), findings);
  }

  private static boolean opensSentence(List<Token> tokens, int index) {
    Token token = tokens.get(index);
    if (token.sentenceStart()) {
      return true;
    }
    int previous = index - 1;
    while (previous >= 0 && !tokens.get(previous).isWordLike()) {
      previous--;
    }
    return previous >= 0
        && tokens.get(previous).sentenceStart()
        && tokens.get(previous).sentence() == token.sentence()
        && OPENERS.contains(tokens.get(previous).lower());
  }
}
