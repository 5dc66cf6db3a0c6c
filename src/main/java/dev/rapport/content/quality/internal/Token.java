package dev.rapport.content.quality.internal;

/**
 * One token with its span in the draft.
 *
 * @param lower the lower-cased text (for words); the raw text otherwise
 * @param sentence the index of the sentence the token belongs to
 * @param sentenceStart whether it is the first word-like token of its sentence
 */
record Token(
    TokenKind kind,
    String text,
    String lower,
    int start,
    int end,
    int sentence,
    boolean sentenceStart) {

  boolean isWordLike() {
    return kind == TokenKind.WORD || kind == TokenKind.NUMBER;
  }
}
