package dev.rapport.content.quality.internal;

import static dev.rapport.content.quality.Dimension.DIRECT;

import dev.rapport.content.quality.DimensionScore;
import dev.rapport.content.quality.Draft;
import dev.rapport.content.quality.Finding;
import dev.rapport.content.quality.Severity;
import dev.rapport.content.quality.WordList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Direct: addresses the reader, short sentences, active voice, one clear point. Score = 70 + 15
 * (addresses the reader) − 12 per long sentence (at most 2) − 10 per passive construction (at most
 * 3) − 6 per hedge (at most 3) − 10 (more than two links), clamped to 0–100.
 */
final class DirectCheck implements Check {

  static final int LONG_SENTENCE_WORDS = 25;
  static final int MIN_WORDS_FOR_READER = 12;
  static final int MAX_LINKS = 2;

  private final Lexicon lexicon;

  DirectCheck(Lexicon lexicon) {
    this.lexicon = lexicon;
  }

  @Override
  public DimensionScore assess(Draft draft, ScannedText scan) {
    List<Finding> findings = new ArrayList<>();
    List<Token> tokens = scan.tokens();
    Token reader = null;
    int words = 0;
    int links = 0;
    int[] sentenceWords = new int[scan.sentenceCount() + 1];
    int[] sentenceFirst = new int[scan.sentenceCount() + 1];
    int[] sentenceLast = new int[scan.sentenceCount() + 1];
    Arrays.fill(sentenceFirst, -1);
    int passives = 0;
    for (int i = 0; i < tokens.size(); i++) {
      Token token = tokens.get(i);
      if (token.kind() == TokenKind.URL) {
        links++;
      }
      if (!token.isWordLike()) {
        continue;
      }
      words++;
      int s = token.sentence();
      sentenceWords[s]++;
      if (sentenceFirst[s] < 0) {
        sentenceFirst[s] = i;
      }
      sentenceLast[s] = i;
      if (reader == null && lexicon.has(WordList.READER_ADDRESS, token.lower())) {
        reader = token;
      }
      if (lexicon.has(WordList.BE_VERBS, token.lower())) {
        int participle = participleAfter(tokens, i);
        if (participle >= 0) {
          if (passives++ < 3) {
            findings.add(
                Spans.at(
                    scan,
                    i,
                    participle,
                    DIRECT,
                    "passive_voice",
                    Severity.ADVICE,
                    "Passive voice hides who does what.",
                    "Name who acts: \"we shipped it\" rather than \"it was shipped\"."));
          }
        }
      }
    }
    if (reader != null) {
      findings.add(
          Spans.at(
              scan,
              reader,
              DIRECT,
              "addresses_reader",
              Severity.STRENGTH,
              "Talks to the reader.",
              ""));
    } else if (words >= MIN_WORDS_FOR_READER) {
      findings.add(
          Finding.whole(
              DIRECT,
              "no_reader_address",
              Severity.ADVICE,
              "The post talks about itself, not to the reader.",
              "Say what it means for the reader: \"you can…\", \"your…\"."));
    }
    int longSentences = 0;
    for (int s = 0; s < sentenceWords.length; s++) {
      if (sentenceWords[s] > LONG_SENTENCE_WORDS) {
        longSentences++;
        findings.add(
            Spans.at(
                scan,
                sentenceFirst[s],
                sentenceLast[s],
                DIRECT,
                "long_sentence",
                Severity.PROBLEM,
                "A sentence of "
                    + sentenceWords[s]
                    + " words (more than "
                    + LONG_SENTENCE_WORDS
                    + ").",
                "Split it: one idea a sentence."));
      }
    }
    List<PhraseMatcher.Match> hedges = lexicon.matcher(WordList.HEDGES).find(tokens);
    for (PhraseMatcher.Match h : hedges) {
      findings.add(
          Spans.at(
              scan,
              h.first(),
              h.last(),
              DIRECT,
              "hedge",
              Severity.ADVICE,
              "\"" + h.phrase() + "\" softens the point.",
              "Say it plainly, or leave it out."));
    }
    if (links > MAX_LINKS) {
      findings.add(
          Finding.whole(
              DIRECT,
              "several_links",
              Severity.PROBLEM,
              links + " links pull the reader in " + links + " directions.",
              "Keep one link: the one next step you want."));
    }
    double score =
        70
            + (reader != null ? 15 : 0)
            - 12 * Math.min(2, longSentences)
            - 10 * Math.min(3, passives)
            - 6 * Math.min(3, hedges.size())
            - (links > MAX_LINKS ? 10 : 0);
    return new DimensionScore(DIRECT, Spans.clamp(score), findings);
  }

  /** The index of a past participle right after a "to be" form (one adverb allowed), or -1. */
  private int participleAfter(List<Token> tokens, int be) {
    for (int j = be + 1; j <= be + 2 && j < tokens.size(); j++) {
      Token next = tokens.get(j);
      if (next.kind() != TokenKind.WORD || next.sentence() != tokens.get(be).sentence()) {
        return -1;
      }
      String w = next.lower();
      if (isParticiple(w)) {
        return j;
      }
      if (!w.endsWith("ly") && !w.equals("not") && !w.equals("being") && !w.equals("been")) {
        return -1;
      }
    }
    return -1;
  }

  private boolean isParticiple(String w) {
    if (lexicon.has(WordList.NOT_PASSIVE, w)) {
      return false;
    }
    if (lexicon.has(WordList.IRREGULAR_PARTICIPLES, w)) {
      return true;
    }
    return w.length() >= 5 && w.endsWith("ed") && !w.endsWith("eed");
  }
}
