package dev.rapport.authenticity.internal;

/** Turns the small HTML of a Mastodon note into plain text. Thread-safe. */
final class Html {

  private Html() {}

  static String toText(String html) {
    if (html == null) {
      return null;
    }
    StringBuilder out = new StringBuilder(html.length());
    boolean inTag = false;
    for (int i = 0; i < html.length(); i++) {
      char c = html.charAt(i);
      if (c == '<') {
        inTag = true;
        if (html.startsWith("</p>", i) || html.startsWith("<br", i)) {
          out.append(' ');
        }
      } else if (c == '>') {
        inTag = false;
      } else if (!inTag) {
        out.append(c);
      }
    }
    return out.toString()
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .strip();
  }
}
