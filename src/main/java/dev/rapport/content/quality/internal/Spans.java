package dev.rapport.content.quality.internal;

import dev.rapport.content.quality.Dimension;
import dev.rapport.content.quality.Finding;
import dev.rapport.content.quality.Severity;
import java.util.List;

/** Builds findings that point at tokens of a scanned draft. */
final class Spans {

  private Spans() {}

  static Finding at(
      ScannedText scan,
      int firstToken,
      int lastToken,
      Dimension dimension,
      String code,
      Severity severity,
      String message,
      String suggestion) {
    List<Token> tokens = scan.tokens();
    int start = tokens.get(firstToken).start();
    int end = tokens.get(lastToken).end();
    return new Finding(
        dimension,
        code,
        severity,
        start,
        end,
        scan.text().substring(start, end),
        message,
        suggestion);
  }

  static Finding at(
      ScannedText scan,
      Token token,
      Dimension dimension,
      String code,
      Severity severity,
      String message,
      String suggestion) {
    return new Finding(
        dimension,
        code,
        severity,
        token.start(),
        token.end(),
        scan.text().substring(token.start(), token.end()),
        message,
        suggestion);
  }

  static int clamp(double score) {
    return (int) Math.max(0, Math.min(100, Math.round(score)));
  }
}
