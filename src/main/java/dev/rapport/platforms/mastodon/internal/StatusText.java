package dev.rapport.platforms.mastodon.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mastodon returns a status's {@code content} as HTML; Rapport compares it with the plain text it
 * sent. Links keep their full text (the "invisible" spans are still text), remote mentions lose
 * their domain, so both sides are normalised the same way before comparing.
 */
public final class StatusText {

  private static final Pattern TAG = Pattern.compile("<[^>]+>");
  private static final Pattern ENTITY = Pattern.compile("&(#x?[0-9a-fA-F]+|amp|lt|gt|quot|apos);");
  private static final Pattern LEADING_MENTIONS = Pattern.compile("^(@[A-Za-z0-9_]+\\s+)+");
  private static final Pattern MENTION_DOMAIN =
      Pattern.compile("(^|\\s)(@[A-Za-z0-9_]+)@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");

  private StatusText() {}

  /** The HTML of a status or an account note as plain text. */
  public static String plain(String html) {
    if (html == null) {
      return "";
    }
    String s = html.replaceAll("(?i)<br\\s*/?>", "\n").replaceAll("(?i)</p>\\s*<p[^>]*>", "\n\n");
    s = TAG.matcher(s).replaceAll("");
    Matcher m = ENTITY.matcher(s);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(entity(m.group(1))));
    }
    m.appendTail(out);
    return out.toString().trim();
  }

  /**
   * The form two texts are compared in: whitespace collapsed, remote mentions without domain, and
   * without the leading mentions a reply is addressed with.
   */
  public static String comparable(String plainText) {
    String s = MENTION_DOMAIN.matcher(plainText.strip()).replaceAll("$1$2");
    s = LEADING_MENTIONS.matcher(s).replaceFirst("");
    return s.strip().replaceAll("\\s+", " ");
  }

  private static String entity(String name) {
    return switch (name) {
      case "amp" -> "&";
      case "lt" -> "<";
      case "gt" -> ">";
      case "quot" -> "\"";
      case "apos" -> "'";
      default -> {
        int code =
            name.startsWith("#x") || name.startsWith("#X")
                ? Integer.parseInt(name.substring(2), 16)
                : Integer.parseInt(name.substring(1));
        yield new String(Character.toChars(code));
      }
    };
  }
}
