package dev.rapport.content.quality.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A draft cut into tokens (words, numbers, links, hashtags, mentions, emoji, sentence ends) with
 * their spans, in one regular-expression pass. Immutable; thread-safe.
 */
final class ScannedText {

  private static final String EMOJI_CHAR =
      "[\\x{1F000}-\\x{1FAFF}\\x{2600}-\\x{27BF}\\x{2B00}-\\x{2BFF}\\x{2300}-\\x{23FF}]";
  private static final String EMOJI =
      EMOJI_CHAR
          + "(?:\\x{FE0F}|[\\x{1F3FB}-\\x{1F3FF}])*(?:\\x{200D}"
          + EMOJI_CHAR
          + "(?:\\x{FE0F}|[\\x{1F3FB}-\\x{1F3FF}])*)*";
  private static final Pattern TOKENS =
      Pattern.compile(
          "(?<url>(?:https?://|www\\.)[^\\s]+)"
              + "|(?<hashtag>#[\\p{L}\\p{N}_]+)"
              + "|(?<mention>@[\\p{L}\\p{N}_.]+(?:@[\\p{L}\\p{N}_.-]+)?)"
              + "|(?<number>[$€£]?\\p{N}[\\p{N},.:/]*(?:%|k|m|bn)?)"
              + "|(?<word>\\p{L}[\\p{L}\\p{M}'’\\-.]*)"
              + "|(?<emoji>"
              + EMOJI
              + ")"
              + "|(?<end>[.!?…]+)"
              + "|(?<newline>\\n)");

  private final String text;
  private final List<Token> tokens;
  private final int sentences;

  private ScannedText(String text, List<Token> tokens, int sentences) {
    this.text = text;
    this.tokens = List.copyOf(tokens);
    this.sentences = sentences;
  }

  static ScannedText scan(String text) {
    List<Token> tokens = new ArrayList<>();
    Matcher m = TOKENS.matcher(text);
    int sentence = 0;
    boolean atStart = true;
    boolean sentenceHasWords = false;
    while (m.find()) {
      TokenKind kind = kindOf(m);
      int start = m.start();
      int end = m.end();
      if (kind == TokenKind.URL) {
        end = trimTrailingPunctuation(text, start, end);
      } else if (kind == TokenKind.WORD || kind == TokenKind.NUMBER) {
        end = trimWordEnd(text, start, end);
      }
      String raw = text.substring(start, end);
      if (kind == TokenKind.SENTENCE_END || kind == TokenKind.NEWLINE) {
        tokens.add(new Token(kind, raw, raw, start, end, sentence, false));
        if (sentenceHasWords) {
          sentence++;
          sentenceHasWords = false;
        }
        atStart = true;
        continue;
      }
      String lower = kind == TokenKind.WORD ? raw.toLowerCase(Locale.ROOT) : raw;
      boolean first = atStart && (kind == TokenKind.WORD || kind == TokenKind.NUMBER);
      tokens.add(new Token(kind, raw, lower, start, end, sentence, first));
      if (kind == TokenKind.WORD || kind == TokenKind.NUMBER) {
        atStart = false;
        sentenceHasWords = true;
      }
      if (end < m.end()) {
        m.region(end, text.length());
      }
    }
    return new ScannedText(text, tokens, sentenceHasWords ? sentence + 1 : sentence);
  }

  private static TokenKind kindOf(Matcher m) {
    if (m.group("url") != null) {
      return TokenKind.URL;
    } else if (m.group("hashtag") != null) {
      return TokenKind.HASHTAG;
    } else if (m.group("mention") != null) {
      return TokenKind.MENTION;
    } else if (m.group("number") != null) {
      return TokenKind.NUMBER;
    } else if (m.group("word") != null) {
      return TokenKind.WORD;
    } else if (m.group("emoji") != null) {
      return TokenKind.EMOJI;
    } else if (m.group("end") != null) {
      return TokenKind.SENTENCE_END;
    }
    return TokenKind.NEWLINE;
  }

  private static int trimTrailingPunctuation(String text, int start, int end) {
    int e = end;
    while (e > start + 1 && ".,;:!?)]}\"'’…".indexOf(text.charAt(e - 1)) >= 0) {
      e--;
    }
    return e;
  }

  /** Keeps "e.g" and "U.S" as words but gives a trailing full stop back to the sentence. */
  private static int trimWordEnd(String text, int start, int end) {
    int e = end;
    while (e > start + 1 && "-.'’,:/".indexOf(text.charAt(e - 1)) >= 0) {
      e--;
    }
    return e;
  }

  String text() {
    return text;
  }

  List<Token> tokens() {
    return tokens;
  }

  int sentenceCount() {
    return sentences;
  }
}
