package dev.rapport.platforms.linkedin.internal;

/**
 * LinkedIn's "little text" format for {@code commentary}: the characters {@code \ | { } @ [ ] ( ) <
 * > # * _ ~} are markup and must be escaped with a backslash, or LinkedIn cuts or garbles the text.
 * Hashtags become the documented template {@code {hashtag|\#|word}} so they stay links.
 */
public final class LittleText {

  private static final String RESERVED = "\\|{}@[]()<>#*_~";

  private LittleText() {}

  public static String format(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '#' && (i == 0 || Character.isWhitespace(text.charAt(i - 1)))) {
        int end = i + 1;
        while (end < text.length()
            && (Character.isLetterOrDigit(text.codePointAt(end)) || text.charAt(end) == '_')) {
          end += Character.charCount(text.codePointAt(end));
        }
        if (end > i + 1) {
          out.append("{hashtag|\\#|").append(text, i + 1, end).append('}');
          i = end;
          continue;
        }
      }
      if (RESERVED.indexOf(c) >= 0) {
        out.append('\\');
      }
      out.append(c);
      i++;
    }
    return out.toString();
  }
}
