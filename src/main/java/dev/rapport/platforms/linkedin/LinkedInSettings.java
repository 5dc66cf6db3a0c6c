package dev.rapport.platforms.linkedin;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How the LinkedIn connector talks to LinkedIn.
 *
 * @param version the {@code LinkedIn-Version} header ({@code YYYYMM}); LinkedIn supports each
 *     monthly version for at least a year
 * @param oauthBase where {@code /oauth/v2/accessToken} lives ({@code https://www.linkedin.com})
 * @param clientId the LinkedIn app's client id, for refreshing tokens; may be null
 * @param clientSecret the app's client secret; may be null
 * @param requestTimeout per call; a publishing call that outlives it has an unknown outcome
 * @param refreshBefore refresh the access token once it expires within this time
 */
public record LinkedInSettings(
    String version,
    URI oauthBase,
    String clientId,
    String clientSecret,
    Duration requestTimeout,
    Duration refreshBefore) {

  public static final String DEFAULT_VERSION = "202510";
  public static final URI API_HOST = URI.create("https://api.linkedin.com");
  public static final URI OAUTH_HOST = URI.create("https://www.linkedin.com");

  public LinkedInSettings {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(oauthBase, "oauthBase");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    Objects.requireNonNull(refreshBefore, "refreshBefore");
  }

  public static LinkedInSettings defaults(String clientId, String clientSecret) {
    return new LinkedInSettings(
        DEFAULT_VERSION,
        OAUTH_HOST,
        clientId,
        clientSecret,
        Duration.ofSeconds(30),
        Duration.ofDays(7));
  }

  public LinkedInSettings withOauthBase(URI base) {
    return new LinkedInSettings(
        version, base, clientId, clientSecret, requestTimeout, refreshBefore);
  }

  public LinkedInSettings withRequestTimeout(Duration timeout) {
    return new LinkedInSettings(version, oauthBase, clientId, clientSecret, timeout, refreshBefore);
  }
}
