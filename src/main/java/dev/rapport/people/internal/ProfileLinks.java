package dev.rapport.people.internal;

import dev.rapport.workspace.Platform;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How handles and profile links compare: the plain rules behind merge suggestions. Pure functions.
 */
final class ProfileLinks {
  private static final Pattern URL = Pattern.compile("(?i)\\bhttps?://[^\\s<>\"')]+");

  private ProfileLinks() {}

  /** A handle as people would say it: lower case, no leading @, no bluesky default domain. */
  static String handle(String h) {
    if (h == null) {
      return null;
    }
    String s = h.trim().toLowerCase(Locale.ROOT);
    while (s.startsWith("@")) {
      s = s.substring(1);
    }
    int at = s.indexOf('@');
    if (at > 0) {
      s = s.substring(0, at);
    }
    if (s.endsWith(".bsky.social")) {
      s = s.substring(0, s.length() - ".bsky.social".length());
    }
    return s.isBlank() ? null : s;
  }

  /** The full handle an identity is reached by on its platform (mastodon keeps its server). */
  static String fullHandle(Platform platform, String h) {
    if (h == null) {
      return null;
    }
    String s = h.trim().toLowerCase(Locale.ROOT);
    while (s.startsWith("@")) {
      s = s.substring(1);
    }
    return s.isBlank() ? null : s;
  }

  /** A display name compared loosely: case, spaces and punctuation do not matter. */
  static String name(String n) {
    if (n == null) {
      return null;
    }
    String s = n.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]", "");
    return s.length() < 3 ? null : s;
  }

  /** A link compared loosely: no scheme, no www., no trailing slash, lower case. */
  static String link(String url) {
    if (url == null || url.isBlank()) {
      return null;
    }
    String s = url.trim().toLowerCase(Locale.ROOT).replaceFirst("^https?://", "");
    s = s.replaceFirst("^www\\.", "");
    while (s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    return s.isBlank() ? null : s;
  }

  /** Every http(s) link in a profile's URL field and bio. */
  static List<String> links(String url, String bio) {
    List<String> out = new ArrayList<>();
    if (url != null && !url.isBlank()) {
      out.add(url.trim());
    }
    if (bio != null) {
      Matcher m = URL.matcher(bio);
      while (m.find()) {
        out.add(m.group());
      }
    }
    return out;
  }

  /** The identity a profile URL points to, as (platform, full handle), when it is one. */
  static Optional<Target> target(String url) {
    String s = link(url);
    if (s == null) {
      return Optional.empty();
    }
    String[] parts = s.split("[/?#]");
    if (parts.length < 2) {
      return Optional.empty();
    }
    String host = parts[0];
    String first = parts[1];
    return switch (host) {
      case "x.com", "twitter.com", "mobile.twitter.com" -> of(Platform.X, first);
      case "instagram.com" -> of(Platform.INSTAGRAM, first);
      case "threads.net", "threads.com" -> of(Platform.THREADS, first);
      case "facebook.com", "m.facebook.com" -> of(Platform.FACEBOOK, first);
      case "linkedin.com" ->
          parts.length > 2 && first.equals("in") ? of(Platform.LINKEDIN, parts[2]) : none();
      case "bsky.app" ->
          parts.length > 2 && first.equals("profile") ? of(Platform.BLUESKY, parts[2]) : none();
      default ->
          first.startsWith("@") && first.length() > 1
              ? of(Platform.MASTODON, first.substring(1) + "@" + host)
              : none();
    };
  }

  private static Optional<Target> of(Platform p, String handle) {
    String h = fullHandle(p, handle);
    return h == null ? Optional.empty() : Optional.of(new Target(p, h));
  }

  private static Optional<Target> none() {
    return Optional.empty();
  }

  record Target(Platform platform, String handle) {}
}
