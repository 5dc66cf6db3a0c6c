package dev.rapport.engagement;

import java.net.URI;

/**
 * A short link that leads to {@code target} with UTM parameters, and tells Rapport which post,
 * channel and (where possible) person each click came from.
 */
public record TrackedLink(
    long id,
    long workspaceId,
    String code,
    URI target,
    Long postId,
    Long channelId,
    Long personId,
    String utmSource,
    String utmMedium,
    String utmCampaign) {

  /** The address the redirect sends a visitor to: the target with the UTM parameters added. */
  public URI destination() {
    StringBuilder q = new StringBuilder(target.getRawQuery() == null ? "" : target.getRawQuery());
    append(q, "utm_source", utmSource);
    append(q, "utm_medium", utmMedium);
    append(q, "utm_campaign", utmCampaign);
    String s = target.toString();
    int cut = indexOfQueryOrFragment(s);
    String base = cut < 0 ? s : s.substring(0, cut);
    String fragment = target.getRawFragment() == null ? "" : "#" + target.getRawFragment();
    return URI.create(base + (q.length() == 0 ? "" : "?" + q) + fragment);
  }

  private static int indexOfQueryOrFragment(String s) {
    int q = s.indexOf('?');
    int f = s.indexOf('#');
    if (q < 0) {
      return f;
    }
    return f < 0 ? q : Math.min(q, f);
  }

  private static void append(StringBuilder q, String key, String value) {
    if (value == null || value.isBlank() || q.indexOf(key + "=") >= 0) {
      return;
    }
    if (q.length() > 0) {
      q.append('&');
    }
    q.append(key)
        .append('=')
        .append(java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8));
  }
}
