package dev.rapport.content.quality.internal;

import static dev.rapport.content.quality.Dimension.PLATFORM_FIT;

import dev.rapport.content.quality.DimensionScore;
import dev.rapport.content.quality.Draft;
import dev.rapport.content.quality.Finding;
import dev.rapport.content.quality.Media;
import dev.rapport.content.quality.Severity;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;

/**
 * Platform fit: length limit, hashtag norms and limits, media and alt text, links where they work.
 * Starts at 100; −10 per advice, −25 per problem; any blocker caps it at 20.
 */
final class PlatformFitCheck implements Check {

  @Override
  public DimensionScore assess(Draft draft, ScannedText scan) {
    PlatformRules rules = PlatformRules.of(draft.platform());
    String name = draft.platform().id();
    List<Finding> findings = new ArrayList<>();
    int length = length(scan, rules.unit());
    if (length > rules.maxLength()) {
      int over = length - rules.maxLength();
      int cut = cutPoint(scan.text(), length, rules.maxLength());
      findings.add(
          new Finding(
              PLATFORM_FIT,
              "over_length",
              Severity.BLOCKER,
              cut,
              scan.text().length(),
              scan.text().substring(cut),
              length
                  + " of "
                  + rules.maxLength()
                  + " "
                  + unitName(rules.unit())
                  + " on "
                  + name
                  + ": "
                  + over
                  + " over.",
              "Cut " + over + " " + unitName(rules.unit()) + " or split it into a thread."));
    } else {
      findings.add(
          Finding.whole(
              PLATFORM_FIT,
              "within_length",
              Severity.STRENGTH,
              length
                  + " of "
                  + rules.maxLength()
                  + " "
                  + unitName(rules.unit())
                  + " on "
                  + name
                  + ".",
              ""));
    }
    List<Token> hashtags = new ArrayList<>();
    Token firstLink = null;
    for (Token token : scan.tokens()) {
      if (token.kind() == TokenKind.HASHTAG) {
        hashtags.add(token);
      } else if (token.kind() == TokenKind.URL && firstLink == null) {
        firstLink = token;
      }
    }
    if (rules.hashtagLimit() > 0 && hashtags.size() > rules.hashtagLimit()) {
      Token from = hashtags.get(rules.hashtagLimit());
      findings.add(
          Spans.at(
              scan,
              from,
              PLATFORM_FIT,
              "hashtag_limit",
              Severity.BLOCKER,
              hashtags.size()
                  + " hashtags; "
                  + name
                  + " refuses more than "
                  + rules.hashtagLimit()
                  + ".",
              "Keep at most " + rules.hashtagNorm() + "."));
    } else if (hashtags.size() > rules.hashtagNorm()) {
      Token from = hashtags.get(rules.hashtagNorm());
      findings.add(
          Spans.at(
              scan,
              from,
              PLATFORM_FIT,
              "too_many_hashtags",
              Severity.ADVICE,
              hashtags.size()
                  + " hashtags; on "
                  + name
                  + " more than "
                  + rules.hashtagNorm()
                  + " reads as spam.",
              "Keep the " + rules.hashtagNorm() + " most relevant."));
    }
    if (rules.mediaRequired() && draft.media().isEmpty() && !draft.accepted()) {
      findings.add(
          Finding.whole(
              PLATFORM_FIT,
              "media_required",
              Severity.BLOCKER,
              name + " posts need an image or a video.",
              "Attach an image or a video (with alt text)."));
    }
    int missingAlt = 0;
    for (Media media : draft.media()) {
      if (!media.hasAltText()) {
        missingAlt++;
      }
    }
    if (missingAlt > 0) {
      findings.add(
          Finding.whole(
              PLATFORM_FIT,
              "missing_alt_text",
              Severity.PROBLEM,
              missingAlt + " of " + draft.media().size() + " media without alt text.",
              "Describe each image for people who cannot see it."));
    }
    if (!rules.linksClickable() && firstLink != null) {
      findings.add(
          Spans.at(
              scan,
              firstLink,
              PLATFORM_FIT,
              "link_not_clickable",
              Severity.PROBLEM,
              "Links in " + name + " captions are not clickable.",
              "Put the link in your bio (or a link sticker) and say \"link in bio\"."));
    }
    double score = 100;
    boolean blocked = false;
    for (Finding f : findings) {
      switch (f.severity()) {
        case ADVICE -> score -= 10;
        case PROBLEM -> score -= 25;
        case BLOCKER -> blocked = true;
        default -> {}
      }
    }
    if (blocked) {
      score = Math.min(score, 20);
    }
    return new DimensionScore(PLATFORM_FIT, Spans.clamp(score), findings);
  }

  static int length(ScannedText scan, LengthUnit unit) {
    String text = scan.text();
    return switch (unit) {
      case CHARACTERS -> text.codePointCount(0, text.length());
      case GRAPHEMES -> graphemes(text);
      case CHARACTERS_LINKS_23 -> {
        int n = text.codePointCount(0, text.length());
        for (Token token : scan.tokens()) {
          if (token.kind() == TokenKind.URL) {
            n += PlatformRules.LINK_LENGTH - text.codePointCount(token.start(), token.end());
          }
        }
        yield n;
      }
    };
  }

  private static int graphemes(String text) {
    BreakIterator it = BreakIterator.getCharacterInstance();
    it.setText(text);
    int n = 0;
    while (it.next() != BreakIterator.DONE) {
      n++;
    }
    return n;
  }

  /** Where the text stops fitting, approximately (by code points from the end). */
  private static int cutPoint(String text, int length, int max) {
    int over = length - max;
    int cp = text.codePointCount(0, text.length());
    int keep = Math.max(0, cp - over);
    return text.offsetByCodePoints(0, keep);
  }

  private static String unitName(LengthUnit unit) {
    return unit == LengthUnit.GRAPHEMES ? "graphemes" : "characters";
  }
}
