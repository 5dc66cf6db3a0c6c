package dev.rapport.platforms.mastodon.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mastodon's pagination: a {@code Link} header with {@code rel="next"} (older, {@code max_id}) and
 * {@code rel="prev"} (newer, {@code min_id}). Only the id parameters are taken, never the URL
 * itself, so a hostile instance cannot point Rapport elsewhere.
 */
public final class LinkHeader {

  private static final Pattern LINK = Pattern.compile("<([^>]*)>\\s*;\\s*rel=\"?([a-z]+)\"?");

  private LinkHeader() {}

  /** The value of {@code param} in the link with relation {@code rel}, if any. */
  public static Optional<String> param(String header, String rel, String param) {
    if (header == null) {
      return Optional.empty();
    }
    Matcher m = LINK.matcher(header);
    while (m.find()) {
      if (!m.group(2).equals(rel)) {
        continue;
      }
      String url = m.group(1);
      int q = url.indexOf('?');
      if (q < 0) {
        return Optional.empty();
      }
      for (String pair : url.substring(q + 1).split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0
            && URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8).equals(param)) {
          return Optional.of(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
    }
    return Optional.empty();
  }
}
