package dev.rapport.content.quality.internal;

/** What a token of a draft is. */
enum TokenKind {
  URL,
  HASHTAG,
  MENTION,
  NUMBER,
  WORD,
  EMOJI,
  SENTENCE_END,
  NEWLINE
}
