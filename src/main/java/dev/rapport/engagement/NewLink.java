package dev.rapport.engagement;

import java.net.URI;
import java.util.Locale;

/** A tracked link to create. Only http and https targets without credentials are accepted. */
public record NewLink(
    URI target,
    Long postId,
    Long channelId,
    Long personId,
    String utmSource,
    String utmMedium,
    String utmCampaign) {

  public NewLink {
    if (target == null || target.getScheme() == null || target.getHost() == null) {
      throw new IllegalArgumentException("a tracked link needs an absolute http(s) address");
    }
    String scheme = target.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException("only http and https addresses can be tracked: " + target);
    }
    if (target.getRawUserInfo() != null) {
      throw new IllegalArgumentException(
          "addresses with a user name or password cannot be tracked");
    }
    if (target.toString().length() > 2000) {
      throw new IllegalArgumentException("the address is longer than 2,000 characters");
    }
  }
}
