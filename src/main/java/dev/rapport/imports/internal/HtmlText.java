package dev.rapport.imports.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plain text from the small HTML that Mastodon statuses carry (paragraphs, line breaks, links with
 * hidden parts, mentions): paragraphs become blank lines, tags go, entities are decoded.
 */
final class HtmlText {
  private static final Pattern INVISIBLE =
      Pattern.compile("<span class=\"invisible\">[^<]*</span>", Pattern.CASE_INSENSITIVE);
  private static final Pattern BREAK = Pattern.compile("<br\\s*/?>", Pattern.CASE_INSENSITIVE);
  private static final Pattern PARAGRAPH =
      Pattern.compile("</p>\\s*<p[^>]*>", Pattern.CASE_INSENSITIVE);
  private static final Pattern TAG = Pattern.compile("<[^>]*>");
  private static final Pattern ENTITY = Pattern.compile("&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);");
  private static final Pattern ELLIPSIS =
      Pattern.compile("<span class=\"ellipsis\">([^<]*)</span>", Pattern.CASE_INSENSITIVE);

  private HtmlText() {}

  static String of(String html) {
    if (html == null) {
      return "";
    }
    // Links show the whole URL: Mastodon hides its head and tail in "invisible" spans but they
    // belong to the text a reader copies.
    String s = INVISIBLE.matcher(html).replaceAll(m -> Matcher.quoteReplacement(inner(m.group())));
    s = ELLIPSIS.matcher(s).replaceAll("$1");
    s = PARAGRAPH.matcher(s).replaceAll("\n\n");
    s = BREAK.matcher(s).replaceAll("\n");
    s = TAG.matcher(s).replaceAll("");
    return entities(s).strip();
  }

  private static String inner(String span) {
    return span.substring(span.indexOf('>') + 1, span.lastIndexOf('<'));
  }

  static String entities(String s) {
    Matcher m = ENTITY.matcher(s);
    StringBuilder out = new StringBuilder(s.length());
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(decode(m.group(1), m.group())));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String decode(String name, String whole) {
    try {
      if (name.startsWith("#x") || name.startsWith("#X")) {
        return Character.toString(Integer.parseInt(name.substring(2), 16));
      }
      if (name.startsWith("#")) {
        return Character.toString(Integer.parseInt(name.substring(1)));
      }
    } catch (IllegalArgumentException e) {
      return whole;
    }
    return switch (name) {
      case "amp" -> "&";
      case "lt" -> "<";
      case "gt" -> ">";
      case "quot" -> "\"";
      case "apos" -> "'";
      case "nbsp" -> "\u00a0";
      default -> whole;
    };
  }
}
