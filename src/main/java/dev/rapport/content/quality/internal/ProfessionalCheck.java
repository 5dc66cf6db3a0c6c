package dev.rapport.content.quality.internal;

import static dev.rapport.content.quality.Dimension.PROFESSIONAL;

import dev.rapport.content.quality.DimensionScore;
import dev.rapport.content.quality.Draft;
import dev.rapport.content.quality.Finding;
import dev.rapport.content.quality.Severity;
import dev.rapport.content.quality.WordList;
import java.util.ArrayList;
import java.util.List;

/**
 * Professional: spelling, no shouting, no hashtag or emoji spam, link hygiene. Starts at 100 and
 * subtracts per finding (see {@link #assess}); documented in docs/content.md.
 */
final class ProfessionalCheck implements Check {

  static final int MAX_EMOJI = 3;
  static final int MAX_EMOJI_RUN = 3;
  static final int MIN_HASHTAGS_FOR_SPAM = 4;

  private final Lexicon lexicon;

  ProfessionalCheck(Lexicon lexicon) {
    this.lexicon = lexicon;
  }

  @Override
  public DimensionScore assess(Draft draft, ScannedText scan) {
    List<Finding> findings = new ArrayList<>();
    List<Token> tokens = scan.tokens();
    double score = 100;
    int shouts = 0;
    int upperLetters = 0;
    int letters = 0;
    int misspellings = 0;
    int unknown = 0;
    int repeats = 0;
    int emoji = 0;
    int emojiRun = 0;
    int longestEmojiRun = 0;
    int emojiRunEnd = -1;
    int hashtags = 0;
    int wordTokens = 0;
    String previousWord = null;
    for (int i = 0; i < tokens.size(); i++) {
      Token token = tokens.get(i);
      switch (token.kind()) {
        case WORD -> {
          wordTokens++;
          String t = token.text();
          for (int c = 0; c < t.length(); c++) {
            char ch = t.charAt(c);
            if (Character.isLetter(ch)) {
              letters++;
              if (Character.isUpperCase(ch)) {
                upperLetters++;
              }
            }
          }
          if (isShouting(t) && shouts++ < 3) {
            findings.add(
                Spans.at(
                    scan,
                    token,
                    PROFESSIONAL,
                    "shouting",
                    Severity.PROBLEM,
                    "\"" + t + "\" in capitals reads as shouting.",
                    "Write it in normal case; let the fact carry the emphasis."));
          }
          String correction = lexicon.correction(token.lower());
          if (correction == null && isCheckable(token) && lexicon.spelling().isMisspelt(t)) {
            if (unknown++ < 4) {
              findings.add(
                  Spans.at(
                      scan,
                      token,
                      PROFESSIONAL,
                      "possible_misspelling",
                      Severity.ADVICE,
                      "\"" + t + "\" is in neither the US nor the British dictionary.",
                      "Check the spelling (Rubric.spellingSuggestions gives candidates)."));
            }
          }
          if (correction != null && misspellings++ < 4) {
            findings.add(
                Spans.at(
                    scan,
                    token,
                    PROFESSIONAL,
                    "misspelling",
                    Severity.PROBLEM,
                    "\"" + t + "\" is misspelt.",
                    "Write \"" + correction + "\"."));
          }
          if (token.lower().equals(previousWord) && !token.sentenceStart()) {
            findings.add(
                Spans.at(
                    scan,
                    i - 1,
                    i,
                    PROFESSIONAL,
                    "doubled_word",
                    Severity.PROBLEM,
                    "\"" + token.lower() + "\" twice in a row.",
                    "Delete one."));
            score -= 8;
          }
          previousWord = token.lower();
          emojiRun = 0;
        }
        case EMOJI -> {
          emoji++;
          emojiRun++;
          if (emojiRun > longestEmojiRun) {
            longestEmojiRun = emojiRun;
            emojiRunEnd = i;
          }
        }
        case HASHTAG -> {
          hashtags++;
          emojiRun = 0;
        }
        case SENTENCE_END -> {
          String t = token.text();
          boolean repeated = t.length() >= 2 && !t.equals("...") && !t.equals("…");
          if (repeated && repeats++ < 3) {
            findings.add(
                Spans.at(
                    scan,
                    token,
                    PROFESSIONAL,
                    "repeated_punctuation",
                    Severity.PROBLEM,
                    "\"" + t + "\" reads as excitable.",
                    "One mark is enough."));
          }
          previousWord = null;
        }
        case URL -> {
          emojiRun = 0;
          score -= linkHygiene(scan, token, findings);
        }
        case NEWLINE -> previousWord = null;
        default -> emojiRun = 0;
      }
    }
    if (letters >= 20 && upperLetters > letters * 0.6) {
      findings.add(
          Finding.whole(
              PROFESSIONAL,
              "all_caps",
              Severity.PROBLEM,
              "Most of the post is in capitals.",
              "Write it in sentence case."));
      score -= 40;
    } else {
      score -= 15 * Math.min(3, shouts);
    }
    score -= 10 * Math.min(4, misspellings);
    score -= 5 * Math.min(4, unknown);
    score -= 8 * Math.min(3, repeats);
    if (emoji > MAX_EMOJI || longestEmojiRun >= MAX_EMOJI_RUN) {
      findings.add(
          Spans.at(
              scan,
              emojiRunEnd - longestEmojiRun + 1,
              emojiRunEnd,
              PROFESSIONAL,
              "emoji_spam",
              Severity.PROBLEM,
              emoji
                  + " emoji"
                  + (longestEmojiRun >= MAX_EMOJI_RUN ? ", " + longestEmojiRun + " in a row" : "")
                  + ".",
              "Keep one or two that add meaning."));
      score -= 20;
    }
    if (hashtags >= MIN_HASHTAGS_FOR_SPAM && hashtags * 2 >= wordTokens) {
      findings.add(
          Finding.whole(
              PROFESSIONAL,
              "hashtag_spam",
              Severity.PROBLEM,
              hashtags + " hashtags against " + wordTokens + " words.",
              "Keep the two or three hashtags your audience actually follows."));
      score -= 20;
    }
    return new DimensionScore(PROFESSIONAL, Spans.clamp(score), findings);
  }

  /**
   * Only plain lower-case words go to the dictionary: capitalised words are often names the
   * dictionary cannot know, and words with digits, hyphens or apostrophes are left alone.
   */
  static boolean isCheckable(Token token) {
    String t = token.text();
    if (t.length() < 3) {
      return false;
    }
    for (int c = 0; c < t.length(); c++) {
      if (!Character.isLowerCase(t.charAt(c))) {
        return false;
      }
    }
    return true;
  }

  private boolean isShouting(String word) {
    if (word.length() < 4 || lexicon.has(WordList.ACRONYMS, word)) {
      return false;
    }
    for (int c = 0; c < word.length(); c++) {
      if (Character.isLowerCase(word.charAt(c))) {
        return false;
      }
    }
    return true;
  }

  /** Adds link-hygiene findings for one link; returns the points to subtract. */
  private int linkHygiene(ScannedText scan, Token link, List<Finding> findings) {
    int penalty = 0;
    String url = link.text();
    if (url.regionMatches(true, 0, "http://", 0, 7)) {
      findings.add(
          Spans.at(
              scan,
              link,
              PROFESSIONAL,
              "insecure_link",
              Severity.PROBLEM,
              "The link is plain http.",
              "Use the https address."));
      penalty += 10;
    }
    for (String parameter : Links.parameters(url)) {
      if (lexicon.has(WordList.TRACKING_JUNK, parameter)) {
        findings.add(
            Spans.at(
                scan,
                link,
                PROFESSIONAL,
                "tracking_junk",
                Severity.PROBLEM,
                "The link carries \"" + parameter + "\" from someone else's click.",
                "Remove it; use your own tracked link."));
        penalty += 8;
        break;
      }
    }
    if (lexicon.has(WordList.OPAQUE_SHORTENERS, Links.host(url))) {
      findings.add(
          Spans.at(
              scan,
              link,
              PROFESSIONAL,
              "opaque_shortener",
              Severity.ADVICE,
              "A generic shortener hides where the link goes.",
              "Use the full link or a branded tracked link."));
      penalty += 5;
    }
    return penalty;
  }
}
