package dev.rapport.platforms.bluesky.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rapport.platforms.Account;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * App-password sessions. The access JWT is used until it is about to expire, then the refresh JWT
 * buys a new pair (refreshSession); when that is gone too, the app password opens a new session
 * (createSession). New tokens are written back to the account at once, so that other calls and
 * other nodes use them. A refused app password marks the connection "reconnect needed".
 */
public final class Sessions {

  public static final String APP_PASSWORD = "appPassword";
  public static final String ACCESS_JWT = "accessJwt";
  public static final String REFRESH_JWT = "refreshJwt";
  public static final String DID = "did";

  /** Tokens this close to expiry are treated as expired: a call must not race the clock. */
  private static final Duration MARGIN = Duration.ofSeconds(60);

  private final Xrpc xrpc;
  private final Clock clock;

  public Sessions(Xrpc xrpc, Clock clock) {
    this.xrpc = xrpc;
    this.clock = clock;
  }

  /** A session whose access token is believed valid. */
  public record Session(String did, String accessJwt) {}

  /** The current session, refreshed or re-created when the access token has expired. */
  public Session current(Account account) {
    String access = account.secret(ACCESS_JWT);
    String did = did(account);
    if (access != null && did != null && !expired(access)) {
      return new Session(did, access);
    }
    return renew(account);
  }

  /** After the server refused the access token: refresh, or log in again. */
  public Session renew(Account account) {
    String refresh = account.secret(REFRESH_JWT);
    if (refresh != null && !expired(refresh)) {
      XrpcResponse r =
          xrpc.post(account.service(), "com.atproto.server.refreshSession", null, refresh);
      if (r.ok()) {
        return store(account, r.body());
      }
      if (r.status() == 429 || r.status() >= 500) {
        throw unavailable(r);
      }
      // ExpiredToken, InvalidToken, a revoked session: the app password decides.
    }
    return create(account);
  }

  private Session create(Account account) {
    String password = account.secret(APP_PASSWORD);
    if (password == null || password.isBlank()) {
      throw reconnect(account, "Rapport has no app password for " + handle(account));
    }
    String identifier =
        account.accountId() != null && !account.accountId().isBlank()
            ? account.accountId()
            : account.handle();
    XrpcResponse r =
        xrpc.post(
            account.service(),
            "com.atproto.server.createSession",
            Map.of("identifier", identifier, "password", password),
            null);
    if (r.ok()) {
      return store(account, r.body());
    }
    if (r.status() == 429 || r.status() >= 500) {
      throw unavailable(r);
    }
    String why =
        switch (r.error()) {
          case "AccountTakedown" -> "Bluesky has taken down " + handle(account);
          case "AuthFactorTokenRequired" ->
              "Bluesky asks for an e-mail code; use an app password, not the account password";
          default ->
              "Bluesky refused the app password for " + handle(account) + " (" + r.message() + ")";
        };
    throw reconnect(account, why);
  }

  private Session store(Account account, JsonNode body) {
    String access = body.path("accessJwt").asText(null);
    String refresh = body.path("refreshJwt").asText(null);
    String did = body.path("did").asText(null);
    if (access == null || refresh == null || did == null) {
      throw new SessionFailure("Bluesky answered the login without tokens", false, null);
    }
    Map<String, String> changed = new LinkedHashMap<>();
    changed.put(ACCESS_JWT, access);
    changed.put(REFRESH_JWT, refresh);
    changed.put(DID, did);
    account.updateSecrets(changed);
    return new Session(did, access);
  }

  private SessionFailure reconnect(Account account, String why) {
    account.reconnectNeeded(why);
    return new SessionFailure(why, true, null);
  }

  private SessionFailure unavailable(XrpcResponse r) {
    return new SessionFailure(
        "Bluesky could not open a session: " + r.message(),
        false,
        r.retryAfter(clock).orElse(null));
  }

  private static String did(Account account) {
    String did = account.secret(DID);
    if (did != null) {
      return did;
    }
    String id = account.accountId();
    return id != null && id.startsWith("did:") ? id : null;
  }

  private static String handle(Account account) {
    return account.handle() == null ? "the account" : "@" + account.handle();
  }

  /** True when the JWT's {@code exp} is past (or near); unreadable tokens count as expired. */
  boolean expired(String jwt) {
    String[] parts = jwt.split("\\.");
    if (parts.length < 2) {
      return true;
    }
    try {
      byte[] payload = Base64.getUrlDecoder().decode(parts[1]);
      JsonNode claims = Xrpc.JSON.readTree(new String(payload, StandardCharsets.UTF_8));
      if (!claims.has("exp")) {
        return false;
      }
      Instant exp = Instant.ofEpochSecond(claims.get("exp").asLong());
      return !clock.instant().plus(MARGIN).isBefore(exp);
    } catch (IOException | IllegalArgumentException e) {
      return true;
    }
  }
}
