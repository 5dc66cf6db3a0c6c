package dev.rapport.platforms.linkedin.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rapport.platforms.Account;
import dev.rapport.platforms.graph.Trouble;
import dev.rapport.platforms.graph.Wire;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;

/**
 * The member's OAuth 2 access token (60 days), refreshed with the {@code refresh_token} grant on
 * {@code /oauth/v2/accessToken} while the refresh token (365 days) lasts. Without a refresh token
 * (apps not enabled for programmatic refresh) or once it is rejected, the user must reconnect.
 */
public final class LinkedInToken {

  public static final String TOKEN = "access_token";
  public static final String EXPIRES_AT = "expires_at";
  public static final String REFRESH_TOKEN = "refresh_token";
  public static final String REFRESH_EXPIRES_AT = "refresh_token_expires_at";

  /** A usable token, or why there is none. */
  public record State(String token, Trouble trouble) {}

  private final Wire wire;
  private final Clock clock;
  private final URI oauthBase;
  private final String clientId;
  private final String clientSecret;
  private final Duration refreshBefore;

  public LinkedInToken(
      Wire wire,
      Clock clock,
      URI oauthBase,
      String clientId,
      String clientSecret,
      Duration refreshBefore) {
    this.wire = wire;
    this.clock = clock;
    this.oauthBase = oauthBase;
    this.clientId = clientId;
    this.clientSecret = clientSecret;
    this.refreshBefore = refreshBefore;
  }

  public State of(Account account) {
    String token = account.secret(TOKEN);
    if (token == null || token.isBlank()) {
      return gone(account, "the LinkedIn channel has no access token");
    }
    Instant now = clock.instant();
    Instant expiresAt = instant(account.secret(EXPIRES_AT));
    boolean expired = expiresAt != null && !now.isBefore(expiresAt);
    boolean due =
        expiresAt != null && Duration.between(now, expiresAt).compareTo(refreshBefore) <= 0;
    if (!due) {
      return new State(token, null);
    }
    String refreshToken = account.secret(REFRESH_TOKEN);
    Instant refreshExpiresAt = instant(account.secret(REFRESH_EXPIRES_AT));
    boolean canRefresh =
        refreshToken != null
            && clientId != null
            && clientSecret != null
            && (refreshExpiresAt == null || now.isBefore(refreshExpiresAt));
    if (!canRefresh) {
      return expired
          ? gone(account, "the LinkedIn access token expired on " + expiresAt)
          : new State(token, null);
    }
    String form =
        "grant_type=refresh_token&refresh_token="
            + RestLi.encode(refreshToken)
            + "&client_id="
            + RestLi.encode(clientId)
            + "&client_secret="
            + RestLi.encode(clientSecret);
    Wire.Reply reply =
        wire.send(
            HttpRequest.newBuilder(
                    URI.create(
                        oauthBase.toString().replaceAll("/+$", "") + "/oauth/v2/accessToken"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    if (reply instanceof Wire.Reply.Answered a && a.status() == 200) {
      try {
        JsonNode body = RestLi.JSON.readTree(a.body());
        String fresh = body.path("access_token").asText(null);
        if (fresh != null) {
          Map<String, String> changed = new HashMap<>();
          changed.put(TOKEN, fresh);
          changed.put(EXPIRES_AT, now.plusSeconds(body.path("expires_in").asLong(0)).toString());
          if (body.hasNonNull("refresh_token")) {
            changed.put(REFRESH_TOKEN, body.get("refresh_token").asText());
          }
          if (body.path("refresh_token_expires_in").asLong(0) > 0) {
            changed.put(
                REFRESH_EXPIRES_AT,
                now.plusSeconds(body.get("refresh_token_expires_in").asLong()).toString());
          }
          account.updateSecrets(changed);
          return new State(fresh, null);
        }
      } catch (Exception e) {
        // unreadable answer: treated like a failed refresh below
      }
    }
    if (reply instanceof Wire.Reply.Answered a && (a.status() == 400 || a.status() == 401)) {
      // invalid_grant: the refresh token was revoked or has expired.
      return gone(account, "LinkedIn refused to refresh the access token (" + a.body() + ")");
    }
    return expired
        ? gone(account, "the LinkedIn access token expired and could not be refreshed")
        : new State(token, null);
  }

  private static State gone(Account account, String why) {
    Trouble trouble =
        Trouble.reconnect(
            why + "; LinkedIn requires signing in again",
            "Reconnect the LinkedIn channel in Settings → Channels");
    return new State(null, trouble.reportTo(account));
  }

  private static Instant instant(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(value.trim());
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
