package dev.rapport.platforms.oauth;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The tokens an authorization server granted.
 *
 * @param refreshToken null when the server issued none (Mastodon tokens do not expire)
 * @param expiresAt when the access token stops working, or null when the server did not say
 * @param scope the granted scopes as the server listed them, or null
 */
public record TokenGrant(String accessToken, String refreshToken, Instant expiresAt, String scope) {

  /** Secret names under which an {@code Account} keeps a grant. */
  public static final String ACCESS_TOKEN = "access_token";

  public static final String REFRESH_TOKEN = "refresh_token";
  public static final String EXPIRES_AT = "expires_at";

  public TokenGrant {
    Objects.requireNonNull(accessToken, "accessToken");
  }

  /** The grant as account secrets; absent parts are left out so stored ones are kept. */
  public Map<String, String> secrets() {
    Map<String, String> s = new HashMap<>();
    s.put(ACCESS_TOKEN, accessToken);
    if (refreshToken != null) {
      s.put(REFRESH_TOKEN, refreshToken);
    }
    if (expiresAt != null) {
      s.put(EXPIRES_AT, expiresAt.toString());
    }
    return s;
  }

  /** Reads a grant back from account secrets, or null when there is no access token. */
  public static TokenGrant fromSecrets(Function<String, String> secret) {
    String access = secret.apply(ACCESS_TOKEN);
    if (access == null) {
      return null;
    }
    String expires = secret.apply(EXPIRES_AT);
    return new TokenGrant(
        access, secret.apply(REFRESH_TOKEN), expires == null ? null : Instant.parse(expires), null);
  }

  /** True when the access token has expired or will within {@code margin}. */
  public boolean expiresWithin(java.time.Duration margin, Instant now) {
    return expiresAt != null && !expiresAt.isAfter(now.plus(margin));
  }
}
