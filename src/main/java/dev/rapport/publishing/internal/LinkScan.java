package dev.rapport.publishing.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds the http(s) links written in a variant and recognises Rapport's short links. */
public final class LinkScan {

  private static final Pattern URL = Pattern.compile("https?://[^\\s<>\"'\\[\\]{}]+");
  private static final Pattern SHORT =
      Pattern.compile("^https?://[^/]+(?:/[^?#]*)?/l/([A-Za-z0-9]{8})/?$");

  private LinkScan() {}

  /** The links in order of appearance, without trailing sentence punctuation. */
  public static List<String> links(String text) {
    List<String> found = new ArrayList<>();
    Matcher m = URL.matcher(text);
    while (m.find()) {
      String url = m.group();
      // A sentence may end right after a link; an unbalanced ")" is the sentence's, not the link's.
      while (!url.isEmpty() && ".,;:!?".indexOf(url.charAt(url.length() - 1)) >= 0
          || url.endsWith(")") && count(url, '(') < count(url, ')')) {
        url = url.substring(0, url.length() - 1);
      }
      if (url.length() > "https://".length()) {
        found.add(url);
      }
    }
    return found;
  }

  /** The short code when the link has the form {@code BASE/l/CODE}. */
  public static Optional<String> shortCode(String url) {
    Matcher m = SHORT.matcher(url);
    return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
  }

  private static int count(String s, char c) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == c) {
        n++;
      }
    }
    return n;
  }
}
