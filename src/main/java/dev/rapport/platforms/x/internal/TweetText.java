package dev.rapport.platforms.x.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * X's text rules: the weighted length of twitter-text v3 (most scripts count 1, CJK and emoji 2,
 * every URL 23), and the form in which a post's text is compared with what the API returns (URLs
 * come back as t.co links, and {@code & < >} as entities).
 */
public final class TweetText {

  public static final int MAX_WEIGHTED_LENGTH = 280;
  static final int URL_LENGTH = 23;

  private static final Pattern LEADING_MENTIONS = Pattern.compile("^(@\\w{1,15}\\s+)+");
  private static final Pattern URL = Pattern.compile("https?://\\S+", Pattern.CASE_INSENSITIVE);

  private TweetText() {}

  public static int weightedLength(String text) {
    Matcher m = URL.matcher(text);
    int length = 0;
    int last = 0;
    while (m.find()) {
      length += weight(text.substring(last, m.start())) + URL_LENGTH;
      last = m.end();
    }
    return length + weight(text.substring(last));
  }

  private static int weight(String s) {
    int total = 0;
    int[] cps = s.codePoints().toArray();
    for (int i = 0; i < cps.length; i++) {
      int cp = cps[i];
      if (cp == 0xFE0F || cp == 0xFE0E || (cp >= 0x1F3FB && cp <= 0x1F3FF)) {
        continue; // variation selectors and skin tones belong to the emoji before them
      }
      if (cp == 0x200D) {
        i++; // a zero-width joiner glues the next emoji into the one already counted
        continue;
      }
      total += light(cp) ? 1 : 2;
    }
    return total;
  }

  /** The ranges twitter-text weighs 100 (one character); everything else weighs 200. */
  private static boolean light(int cp) {
    return cp <= 4351
        || (cp >= 8192 && cp <= 8205)
        || (cp >= 8208 && cp <= 8223)
        || (cp >= 8242 && cp <= 8247);
  }

  /** Text as compared: entities decoded, each URL a placeholder, whitespace collapsed. */
  public static String comparable(String text) {
    String s = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    s = URL.matcher(s).replaceAll("<url>");
    // A reply's text comes back with the mentions X prepends (hidden by display_text_range).
    s = LEADING_MENTIONS.matcher(s.strip()).replaceFirst("");
    return s.strip().replaceAll("\\s+", " ");
  }
}
